// /api/settings/telegram: a partner's Telegram notifications — the chat, the language of the messages,
// which events to send, what Telegram last said, and the latest notifications with their delivery state.
// The bot token never appears here: it is the server's (config), and answers only say whether one is set.
#include <set>

#include "api/routes/route_helpers.hpp"
#include "api/routes/routes.hpp"
#include "notify/messages.hpp"
#include "notify/notifier.hpp"
#include "notify/store.hpp"
#include "notify/telegram.hpp"

namespace by::api {
namespace {

nlohmann::json SettingsJson(const notify::TelegramSettings& s) {
    return {{"chat_id", s.chat_id},
            {"language", s.language},
            {"events", s.events},
            {"status", s.status},
            {"last_error", s.last_error.empty() ? nlohmann::json() : nlohmann::json(s.last_error)},
            {"last_sent_at", TimeOrNull(s.last_sent_at)},
            {"updated_at", TimeOrNull(s.updated_at)}};
}

nlohmann::json OutboxJson(const notify::OutboxRow& r) {
    return {{"id", r.id},
            {"event", r.event},
            {"status", r.status},
            {"attempts", r.attempts},
            {"last_error", r.last_error.empty() ? nlohmann::json() : nlohmann::json(r.last_error)},
            {"created_at", TimeOrNull(r.created_at)},
            {"sent_at", TimeOrNull(r.sent_at)}};
}

// The PUT body: {chat_id, language?, events?}; what is left out keeps its saved value (or the default).
core::Result<notify::TelegramSettings> SettingsFromBody(const nlohmann::json& body, notify::TelegramSettings s) {
    auto chat = body.find("chat_id");
    if (chat == body.end() || chat->is_null()) return core::Error::Unprocessable("chat_id is required", "chat_id");
    if (chat->is_number_integer()) {
        s.chat_id = std::to_string(chat->get<int64_t>());
    } else if (chat->is_string()) {
        s.chat_id = chat->get<std::string>();
    } else {
        return core::Error::Invalid("chat_id must be a number or a string", "chat_id");
    }
    if (std::string problem = notify::ChatIdProblem(s.chat_id); !problem.empty()) {
        return core::Error::Unprocessable(problem, "chat_id");
    }
    BY_ASSIGN(std::string language, StringField(body, "language", false, 8));
    if (!language.empty()) {
        if (!notify::ParseLanguage(language)) return core::Error::Unprocessable("language is uz, ru or en", "language");
        s.language = language;
    }
    if (auto ev = body.find("events"); ev != body.end() && !ev->is_null()) {
        if (!ev->is_array()) return core::Error::Invalid("events must be a list", "events");
        std::set<std::string> chosen;
        for (const auto& e : *ev) {
            if (!e.is_string() || !notify::IsEvent(e.get<std::string>())) {
                return core::Error::Unprocessable("events are card_live, card_rejected, credential_failed, stock_low",
                                                  "events");
            }
            chosen.insert(e.get<std::string>());
        }
        s.events.clear();
        for (const auto& name : notify::AllEvents()) {
            if (chosen.count(name)) s.events.push_back(name);
        }
    }
    return s;
}

}  // namespace

void RegisterNotifyRoutes(Router& r, ApiContext& ctx) {
    r.Add("GET", "/api/settings/telegram", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequirePartner(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        notify::SettingsStore settings(ctx.store.db(), ctx.clock);
        notify::Outbox outbox(ctx.store.db(), ctx.clock);
        auto s = settings.Get(p->partner_id);
        if (!s.ok() && s.error().code != core::ErrorCode::kNotFound) return ErrorResponse(s.error());
        auto recent = outbox.Recent(p->partner_id, 10);
        if (!recent.ok()) return ErrorResponse(recent.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& row : *recent) items.push_back(OutboxJson(row));
        return JsonResponse(200, {{"configured", ctx.telegram && ctx.telegram->configured()},
                                  {"settings", s.ok() ? SettingsJson(*s) : nlohmann::json()},
                                  {"events", notify::AllEvents()},
                                  {"recent", items}});
    });

    r.Add("PUT", "/api/settings/telegram", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequirePartner(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto body = ParseJsonBody(req);
        if (!body.ok()) return ErrorResponse(body.error());
        notify::SettingsStore settings(ctx.store.db(), ctx.clock);
        notify::TelegramSettings base;
        base.events = notify::AllEvents();
        if (auto old = settings.Get(p->partner_id); old.ok()) base = *old;
        base.partner_id = p->partner_id;
        auto wanted = SettingsFromBody(*body, base);
        if (!wanted.ok()) return ErrorResponse(wanted.error());
        auto saved = settings.Put(*wanted);
        if (!saved.ok()) return ErrorResponse(saved.error());
        (void)ctx.store.Audit(p->user_id, p->partner_id, "telegram_settings_saved", p->partner_id,
                              {{"language", saved->language}, {"events", saved->events}}, req.remote_addr);
        return JsonResponse(200, SettingsJson(*saved));
    });

    r.Add("DELETE", "/api/settings/telegram", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequirePartner(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        notify::SettingsStore settings(ctx.store.db(), ctx.clock);
        auto st = settings.Delete(p->partner_id);
        if (!st.ok()) return ErrorResponse(st.error());
        (void)ctx.store.Audit(p->user_id, p->partner_id, "telegram_settings_deleted", p->partner_id,
                              nlohmann::json::object(), req.remote_addr);
        return JsonResponse(200, {{"ok", true}});
    });

    r.Add("POST", "/api/settings/telegram/test", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequirePartner(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        notify::SettingsStore settings(ctx.store.db(), ctx.clock);
        auto s = settings.Get(p->partner_id);
        if (!s.ok()) return ErrorResponse(s.error());
        nlohmann::json result = {{"status", "skipped"}, {"message", "no Telegram bot is configured on the server"}};
        if (ctx.telegram) {
            auto sent = ctx.telegram->SendTest(p->partner_id);
            if (!sent.ok()) return ErrorResponse(sent.error());
            result = *sent;
        }
        auto after = settings.Get(p->partner_id);
        if (after.ok()) result["settings"] = SettingsJson(*after);
        return JsonResponse(200, result);
    });
}

}  // namespace by::api
