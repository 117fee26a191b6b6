// The printable invoice: one HTML page with its own CSS (no scripts, no external files), labels in
// Uzbek (default), Russian or English.
#include <map>

#include "billing/invoice.hpp"

namespace by::billing {
namespace {

using Labels = std::map<std::string, std::string>;

const Labels& LabelsFor(const std::string& lang) {
    static const Labels uz = {
        {"title", "Hisob-faktura"}, {"month", "Oy"}, {"partner", "Hamkor"}, {"plan", "Tarif"},
        {"status", "Holat"}, {"draft", "qoralama (oy tugamagan)"}, {"issued", "berilgan"},
        {"fee", "Oylik to\u02bblov"}, {"addon", "AI xizmatlari qo\u02bbshimchasi"},
        {"share", "Foydadan ulush"}, {"total", "Jami to\u02bblov"}, {"orders", "Buyurtmalar"},
        {"date", "Sana"}, {"marketplace", "Marketpleys"}, {"sku", "Artikul"}, {"qty", "Soni"},
        {"revenue", "Tushum"}, {"commission", "Komissiya"}, {"logistics", "Logistika"},
        {"cost", "Tannarx"}, {"profit", "Foyda"}, {"line_share", "Ulush"}, {"sum", "Jami"},
        {"excluded", "Hisobga olinmagan buyurtmalar"}, {"reason", "Sabab"},
        {"rate", "RUB kursi (so\u02bbm)"}, {"unknown", "* stavka noma\u02bclum, 0 deb olindi"},
        {"currency", "so\u02bbm"}},
    ru = {
        {"title", "Счёт"}, {"month", "Месяц"}, {"partner", "Партнёр"}, {"plan", "Тариф"},
        {"status", "Статус"}, {"draft", "черновик (месяц не закончен)"}, {"issued", "выставлен"},
        {"fee", "Ежемесячная плата"}, {"addon", "Дополнение «AI-сервисы»"}, {"share", "Доля от прибыли"},
        {"total", "Итого к оплате"}, {"orders", "Заказы"}, {"date", "Дата"}, {"marketplace", "Маркетплейс"},
        {"sku", "Артикул"}, {"qty", "Кол-во"}, {"revenue", "Выручка"}, {"commission", "Комиссия"},
        {"logistics", "Логистика"}, {"cost", "Себестоимость"}, {"profit", "Прибыль"}, {"line_share", "Доля"},
        {"sum", "Итого"}, {"excluded", "Не учтённые заказы"}, {"reason", "Причина"},
        {"rate", "Курс RUB (сум)"}, {"unknown", "* ставка неизвестна, принята за 0"}, {"currency", "сум"}},
    en = {
        {"title", "Invoice"}, {"month", "Month"}, {"partner", "Partner"}, {"plan", "Plan"},
        {"status", "Status"}, {"draft", "draft (month not over)"}, {"issued", "issued"},
        {"fee", "Monthly fee"}, {"addon", "AI services add-on"}, {"share", "Profit share"},
        {"total", "Total due"}, {"orders", "Orders"}, {"date", "Date"}, {"marketplace", "Marketplace"},
        {"sku", "SKU"}, {"qty", "Qty"}, {"revenue", "Revenue"}, {"commission", "Commission"},
        {"logistics", "Logistics"}, {"cost", "Cost"}, {"profit", "Profit"}, {"line_share", "Share"},
        {"sum", "Total"}, {"excluded", "Orders not counted"}, {"reason", "Reason"},
        {"rate", "RUB rate (so'm)"}, {"unknown", "* rate unknown, counted as 0"}, {"currency", "UZS"}};
    if (lang == "ru") return ru;
    if (lang == "en") return en;
    return uz;
}

std::string Esc(const std::string& s) {
    std::string o;
    for (char c : s) {
        switch (c) {
            case '&': o += "&amp;"; break;
            case '<': o += "&lt;"; break;
            case '>': o += "&gt;"; break;
            case '"': o += "&quot;"; break;
            case '\'': o += "&#39;"; break;
            default: o += c;
        }
    }
    return o;
}

// 300000000 -> "3 000 000.00" (a no-break space between thousands).
std::string Amount(const nlohmann::json& money) {
    int64_t v = money.value("amount", int64_t{0});
    bool neg = v < 0;
    uint64_t a = neg ? static_cast<uint64_t>(-(v + 1)) + 1 : static_cast<uint64_t>(v);
    std::string whole = std::to_string(a / 100), grouped;
    for (size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) grouped += "\u00a0";
        grouped += whole[i];
    }
    uint64_t f = a % 100;
    return (neg ? "\u2212" : "") + grouped + "." + (f < 10 ? "0" : "") + std::to_string(f);
}

std::string Row(const std::string& label, const std::string& value, bool strong = false) {
    std::string v = strong ? "<strong>" + value + "</strong>" : value;
    return "<tr><th>" + Esc(label) + "</th><td class=\"num\">" + v + "</td></tr>\n";
}

}  // namespace

const char* InvoiceCss() {
    return "body{font-family:'Noto Sans',Arial,sans-serif;margin:32px;color:#111;font-size:13px}"
           "h1{font-size:22px;margin:0 0 4px}table{border-collapse:collapse;width:100%;margin:12px 0}"
           "th,td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left}.num{text-align:right;"
           "white-space:nowrap}.sum td{font-weight:bold;border-top:2px solid #111}.summary{width:auto}"
           ".muted{color:#666}@media print{body{margin:10mm}}";
}

std::string RenderInvoiceHtml(const nlohmann::json& inv, const std::string& lang, const std::string& css_href) {
    const Labels& L = LabelsFor(lang);
    std::string cur = " " + L.at("currency");
    std::string h = "<!doctype html>\n<html lang=\"" + Esc(lang == "ru" || lang == "en" ? lang : "uz") +
                    "\"><head><meta charset=\"utf-8\"><title>" + Esc(L.at("title")) + " " +
                    Esc(inv.value("month", "")) + "</title>\n<link rel=\"stylesheet\" href=\"" + Esc(css_href) +
                    "\"></head><body>\n";
    h += "<h1>" + Esc(L.at("title")) + " \u2014 " + Esc(inv.value("month", "")) + "</h1>\n";
    h += "<p>" + Esc(L.at("partner")) + ": <strong>" + Esc(inv.value("company", "")) + "</strong> (" +
         Esc(inv.value("partner_id", "")) + ")<br>" + Esc(L.at("plan")) + ": " + Esc(inv.value("plan", "")) + "<br>" +
         Esc(L.at("status")) + ": " + Esc(L.at(inv.value("status", "draft") == "issued" ? "issued" : "draft")) +
         (inv["issued_at"].is_string() ? " " + Esc(inv["issued_at"].get<std::string>()) : "") + "</p>\n";
    h += "<table class=\"summary\">\n" + Row(L.at("fee"), Amount(inv["subscription_fee"]) + cur);
    if (inv.value("ai_addon", false)) h += Row(L.at("addon"), Amount(inv["ai_addon_fee"]) + cur);
    h += Row(L.at("profit") + " (" + Esc(L.at("revenue")) + " \u2212 " + Esc(L.at("commission")) + " \u2212 " +
                 Esc(L.at("logistics")) + " \u2212 " + Esc(L.at("cost")) + ")",
             Amount(inv["totals"]["profit"]) + cur);
    h += Row(L.at("share") + " " + economics::FormatHundredths(inv.value("profit_share_bp", int64_t{0})) + " %",
             Amount(inv["profit_share"]) + cur);
    h += Row(L.at("total"), Amount(inv["total"]) + cur, true) + "</table>\n";
    h += "<h2>" + Esc(L.at("orders")) + "</h2>\n<table><tr>";
    for (const char* k : {"date", "marketplace", "sku", "qty", "revenue", "commission", "logistics", "cost", "profit",
                          "line_share"}) {
        h += "<th>" + Esc(L.at(k)) + "</th>";
    }
    h += "</tr>\n";
    bool any_unknown = false;
    for (const auto& l : inv["lines"]) {
        bool unknown = !l["unknown_rates"].empty();
        any_unknown = any_unknown || unknown;
        h += "<tr><td>" + Esc(l.value("ordered_at", "").substr(0, 10)) + "</td><td>" + Esc(l.value("marketplace", "")) +
             "</td><td>" + Esc(l.value("sku", "")) + "</td><td class=\"num\">" + std::to_string(l.value("quantity", 0)) +
             "</td>";
        for (const char* k : {"revenue", "commission", "logistics", "cost", "profit", "profit_share"}) {
            h += "<td class=\"num\">" + Amount(l[k]) + (unknown && std::string(k) == "commission" ? "*" : "") + "</td>";
        }
        h += "</tr>\n";
    }
    const auto& t = inv["totals"];
    h += "<tr class=\"sum\"><td colspan=\"4\">" + Esc(L.at("sum")) + "</td>";
    for (const auto* m : {&t["revenue"], &t["commission"], &t["logistics"], &t["cost"], &t["profit"], &inv["profit_share"]}) {
        h += "<td class=\"num\">" + Amount(*m) + "</td>";
    }
    h += "</tr></table>\n";
    if (any_unknown) h += "<p class=\"muted\">" + Esc(L.at("unknown")) + "</p>\n";
    if (!inv["excluded"].empty()) {
        h += "<h2>" + Esc(L.at("excluded")) + "</h2>\n<table><tr><th>" + Esc(L.at("marketplace")) + "</th><th>" +
             Esc(L.at("sku")) + "</th><th>" + Esc(L.at("reason")) + "</th></tr>\n";
        for (const auto& e : inv["excluded"]) {
            h += "<tr><td>" + Esc(e.value("marketplace", "")) + "</td><td>" + Esc(e.value("sku", "")) + "</td><td>" +
                 Esc(e.value("reason", "")) + "</td></tr>\n";
        }
        h += "</table>\n";
    }
    h += "<p class=\"muted\">" + Esc(L.at("rate")) + ": " + Esc(inv.value("uzs_per_rub", "")) + "</p>\n</body></html>\n";
    return h;
}

}  // namespace by::billing
