#include "ai/offline_engine.hpp"

#include <algorithm>
#include <array>

#include "ai/product_view.hpp"
#include "ai/russian.hpp"
#include "ai/text.hpp"

namespace by::ai {
namespace {

constexpr std::array<const char*, 2> kLangs = {"ru", "uz"};

// Slide text must stay legible on a 1080 px wide image.
constexpr size_t kSlideHeadlineMax = 30;
constexpr size_t kSlideLineMax = 36;
constexpr size_t kSlideLinesMax = 3;

std::string Fill(std::string tpl, const std::map<std::string, std::string>& vars) {
    for (const auto& [k, v] : vars) {
        tpl = text::ReplaceAll(std::move(tpl), "{" + k + "}", v);
    }
    return tpl;
}

std::string FoldSpaces(std::string_view s) { return text::CollapseSpaces(s); }

// "a, b и c" / "a, b va c".
std::string JoinList(const std::vector<std::string>& items, const std::string& and_word) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
            out += (i + 1 == items.size() && and_word != ",") ? " " + and_word + " " : ", ";
        }
        out += items[i];
    }
    return out;
}

// Lower-cases the first letter for use inside a sentence, leaving names (Latin words in Russian text, the
// brand, technical names) as written.
std::string LeadLower(const std::string& s, std::string_view lang, const ProductView& view) {
    auto words = text::Words(s);
    if (words.empty() || words[0].offset != 0) {
        return s;
    }
    std::u32string first = text::Decode(words[0].text);
    if (lang == "ru" && !first.empty() && text::IsLatinLetter(first[0])) {
        return s;
    }
    std::string lw = text::Lower(words[0].text);
    // Brand and model words keep their capitals ("Xiaomi", "Galaxy").
    for (const auto& name : {view.product().brand, view.Model(lang)}) {
        for (const auto& w : text::Words(name)) {
            if (w.text == words[0].text) {
                return s;
            }
        }
    }
    const std::string& keep = view.catalog().Template(lang, "proper_nouns");
    for (const auto& name : text::Split(keep, '|')) {
        if (!name.empty() && text::Lower(name) == lw) {
            return s;
        }
    }
    return text::FirstLower(s);
}

struct Block {
    int priority;  // lower is included first
    int order;     // position in the text
    std::vector<std::string> variants;  // longest first; a shorter one is tried when the longest does not fit
};

std::string Assemble(const std::vector<Block>& blocks, size_t limit) {
    std::vector<const Block*> by_priority;
    for (const auto& b : blocks) {
        if (!b.variants.empty() && !b.variants.front().empty()) {
            by_priority.push_back(&b);
        }
    }
    std::stable_sort(by_priority.begin(), by_priority.end(),
                     [](const Block* a, const Block* b) { return a->priority < b->priority; });
    std::map<int, std::string> chosen;
    size_t used = 0;
    for (const Block* b : by_priority) {
        for (const auto& v : b->variants) {
            size_t len = text::Length(v) + (chosen.empty() ? 0 : 2);
            if (used + len <= limit) {
                chosen[b->order] = v;
                used += len;
                break;
            }
        }
    }
    std::string out;
    for (const auto& [order, t] : chosen) {
        out += (out.empty() ? "" : "\n\n") + t;
    }
    return out;
}

// Sentences: split after . ! ? followed by a space or the end.
std::vector<std::string> Sentences(const std::string& s) {
    std::vector<std::string> out;
    std::u32string cps = text::Decode(s);
    size_t start = 0;
    for (size_t i = 0; i < cps.size(); ++i) {
        char32_t c = cps[i];
        if ((c == U'.' || c == U'!' || c == U'?') && (i + 1 == cps.size() || text::IsSpace(cps[i + 1]))) {
            out.push_back(text::Trim(text::Encode(std::u32string_view(cps).substr(start, i + 1 - start))));
            start = i + 1;
        }
    }
    std::string rest = text::Trim(text::Encode(std::u32string_view(cps).substr(start)));
    if (!rest.empty()) {
        out.push_back(rest);
    }
    return out;
}

// Words of `s` already present in `title` (lower-case): used to skip attributes that would repeat a word.
bool AllWordsIn(const std::string& s, const std::string& title) {
    std::string lt = text::Lower(title);
    std::set<std::string> have;
    for (const auto& w : text::Words(lt)) {
        have.insert(w.text);
    }
    auto words = text::Words(text::Lower(s));
    if (words.empty()) {
        return true;
    }
    for (const auto& w : words) {
        if (!have.count(w.text)) {
            return false;
        }
    }
    return true;
}

class CardWriter {
  public:
    CardWriter(const ProductView& view, const Strategy& strategy, Marketplace m)
        : view_(view), cat_(view.catalog()), strategy_(strategy), m_(m), profile_(cat_.Profile(m)) {}

    // The title's noun phrase: product type + brand + model by default (CONTENT §1.1), the category's
    // own order otherwise (books: type + author + «title»).
    std::string Head(std::string_view lang) const {
        std::string head;
        for (const auto& part : view_.category().head) {
            std::string piece;
            if (part == "type") {
                piece = view_.TypeName(lang);
            } else if (part == "brand") {
                piece = view_.product().brand;
            } else if (part == "model") {
                piece = view_.Model(lang);
                if (!piece.empty() && view_.category().quote_model) {
                    piece = "«" + piece + "»";
                }
            } else {
                piece = view_.Render(part, lang, RenderContext::kTitle, m_).value_or("");
            }
            if (!piece.empty()) {
                head += (head.empty() ? "" : " ") + piece;
            }
        }
        return FoldSpaces(head);
    }

    std::string Title(std::string_view lang) const {
        const size_t limit = static_cast<size_t>(std::min(profile_.title_target_max, profile_.title_max));
        std::string title = Head(lang);
        // Too long even without attributes (WB's 60): drop model words from the end, then the brand.
        while (text::Length(title) > limit) {
            auto pos = title.rfind(' ');
            if (pos == std::string::npos || pos <= view_.TypeName(lang).size()) {
                break;
            }
            title = title.substr(0, pos);
        }
        int added = 0;
        for (const auto& key : view_.category().title_attributes) {
            if (added >= profile_.title_attributes_max) {
                break;
            }
            const AttributeDef* def = cat_.Attribute(key);
            AttributeValue v = view_.Get(key);
            std::string part;
            if (v.kind == AttributeValue::Kind::kBool) {
                // A flag shows up only as its title phrase ("беспроводные"), never as "да".
                if (!v.flag || !def || def->title.Get(lang).empty()) {
                    continue;
                }
                part = def->title.Get(lang);
            } else {
                auto value = view_.Render(key, lang, RenderContext::kTitle, m_);
                if (!value) {
                    continue;
                }
                part = def && !def->title.Get(lang).empty()
                           ? Fill(def->title.Get(lang), {{"value", *value}, {"number", FormatNumber(v.number, false)}})
                           : *value;
            }
            if (AllWordsIn(part, title)) {
                continue;
            }
            std::string candidate = title + ", " + part;
            if (text::Length(candidate) <= limit) {
                title = candidate;
                ++added;
            }
        }
        return title;
    }

    std::vector<std::string> Bullets(std::string_view lang) const {
        std::vector<std::string> out;
        for (const auto& sp : strategy_.selling_points) {
            auto it = sp.text.find(std::string(lang));
            if (it != sp.text.end() && !it->second.empty()) {
                out.push_back(it->second);
            }
            if (out.size() >= static_cast<size_t>(profile_.bullets_max)) {
                break;
            }
        }
        return out;
    }

    // The opening sentence: the name with the first selling point's own phrase ("… из хлопка."), or the
    // name and two selling points that read as noun phrases ("…: встроенная память 256 ГБ, …"). Points
    // written as "label: value" never go here; the list below carries them.
    std::string Intro(std::string_view lang) const {
        if (!strategy_.selling_points.empty()) {
            if (auto phrase = view_.Intro(strategy_.selling_points.front().attribute, lang, m_)) {
                return Fill(cat_.Template(lang, "intro_attached"), {{"head", Head(lang)}, {"phrase", *phrase}});
            }
        }
        std::vector<std::string> points;
        for (const auto& sp : strategy_.selling_points) {
            auto it = sp.text.find(std::string(lang));
            if (it == sp.text.end() || text::Contains(it->second, ":")) {
                continue;
            }
            points.push_back(LeadLower(it->second, lang, view_));
            if (points.size() == 2) {
                break;
            }
        }
        if (points.empty()) {
            return Fill(cat_.Template(lang, "intro_plain"), {{"head", Head(lang)}});
        }
        return Fill(cat_.Template(lang, "intro"), {{"head", Head(lang)}, {"points", JoinList(points, ",")}});
    }

    std::string Purpose(std::string_view lang) const {
        std::string s = view_.category().Text(view_.type(), "purpose").Get(lang);
        auto it = strategy_.audience.find(std::string(lang));
        if (it != strategy_.audience.end() && !it->second.empty()) {
            s += " " + it->second;
        }
        return s;
    }

    std::vector<std::string> Features(std::string_view lang, const std::vector<std::string>& bullets) const {
        // Variants with fewer bullets let a short description (Yandex 400–600) keep the block.
        std::vector<std::string> variants;
        for (size_t n = bullets.size(); n >= 2; --n) {
            std::string block = cat_.Template(lang, "features_header");
            for (size_t i = 0; i < n; ++i) {
                block += "\n" + cat_.Template(lang, "bullet_prefix") + bullets[i];
            }
            variants.push_back(block);
        }
        return variants;
    }

    std::string Specs(std::string_view lang) const {
        std::set<std::string> skip = {"brand", "model"};
        for (const auto& sp : strategy_.selling_points) {
            skip.insert(sp.attribute);
        }
        std::vector<std::string> parts;
        for (const auto& spec : view_.category().characteristics) {
            const AttributeDef* def = cat_.Attribute(spec.attribute);
            if (!def || skip.count(spec.attribute) || !def->spec || !def->group.empty() ||
                def->kind == AttributeKind::kList) {
                continue;
            }
            AttributeValue v = view_.Get(spec.attribute);
            if (!v.present() || (v.kind == AttributeValue::Kind::kBool && !v.flag)) {
                continue;
            }
            auto value = view_.Render(spec.attribute, lang, RenderContext::kText, m_);
            if (!value) {
                continue;
            }
            parts.push_back(text::FirstLower(def->label.Get(lang)) + " — " + *value);
        }
        if (parts.empty()) {
            return {};
        }
        std::string out = cat_.Template(lang, "specs_header") + " ";
        for (size_t i = 0; i < parts.size(); ++i) {
            out += (i ? "; " : "") + parts[i];
        }
        return out + ".";
    }

    std::string Kit(std::string_view lang) const {
        auto items = view_.Render("package_contents", lang, RenderContext::kText, m_);
        return items ? Fill(cat_.Template(lang, "kit"), {{"items", *items}}) : std::string();
    }

    std::string Service(std::string_view lang) const {
        std::string out;
        if (auto w = view_.Render("warranty_months", lang, RenderContext::kText, m_)) {
            out += Fill(cat_.Template(lang, "warranty"), {{"value", *w}});
        }
        if (auto c = view_.Render("country", lang, RenderContext::kText, m_)) {
            out += (out.empty() ? "" : " ") + Fill(cat_.Template(lang, "country"), {{"value", *c}});
        }
        return out;
    }

    LocalizedText Text(std::string_view lang) const {
        LocalizedText t;
        t.title = Title(lang);
        t.bullets = Bullets(lang);
        std::string intro = Intro(lang);
        std::string purpose = Purpose(lang);
        const Category& c = view_.category();
        std::vector<Block> blocks = {
            {0, 0, {intro}},
            {1, 2, Features(lang, t.bullets)},
            {2, 1, {purpose}},
            {3, 7, {Service(lang)}},
            {4, 3, {Specs(lang)}},
            {5, 6, {Kit(lang)}},
            {6, 4, {c.Text(view_.type(), "usage").Get(lang)}},
            {7, 5, {c.Text(view_.type(), "care").Get(lang)}},
        };
        int max = profile_.description_max;
        if (auto it = c.description_max.find(m_); it != c.description_max.end()) {
            max = std::min(max, it->second);
        }
        t.description = Assemble(blocks, static_cast<size_t>(std::min(max, profile_.description_target_max)));
        // Short description: one or two selling sentences (Uzum's rule, and the preview line elsewhere).
        t.short_description = intro;
        auto purpose_sentences = Sentences(c.Text(view_.type(), "purpose").Get(lang));
        if (!purpose_sentences.empty()) {
            t.short_description += " " + purpose_sentences.front();
        }
        return t;
    }

    std::vector<Characteristic> Characteristics() const {
        std::vector<Characteristic> out;
        const bool takes_uz = profile_.Takes("uz");
        for (const auto& spec : view_.category().characteristics) {
            const AttributeDef* def = cat_.Attribute(spec.attribute);
            AttributeValue v = view_.Get(spec.attribute);
            if (!def || !v.present()) {
                continue;
            }
            Characteristic ch;
            ch.key = spec.attribute;
            ch.required = spec.required.count(m_) > 0;
            if (auto n = spec.names.find(m_); n != spec.names.end()) {
                ch.name = n->second;
            } else if (auto dn = def->names.find(m_); dn != def->names.end()) {
                ch.name = dn->second;
            } else {
                ch.name = def->label.ru;
            }
            ch.name_uz = def->label.uz;
            if (auto id = def->attribute_ids.find(m_); id != def->attribute_ids.end()) {
                ch.attribute_id = id->second;
            }
            switch (v.kind) {
                case AttributeValue::Kind::kNumber: {
                    std::string n = v.number;
                    ch.unit = def->unit.ru;
                    std::string unit_uz = def->unit.uz;
                    if (auto conv = def->convert.find(m_); conv != def->convert.end()) {
                        n = ShiftDecimal(v.number, conv->second.shift);
                        ch.unit = conv->second.unit;
                        unit_uz = conv->second.unit_uz;
                        if (conv->second.shift != 0) {
                            ch.derived_from = spec.attribute + " x10^" + std::to_string(conv->second.shift);
                        }
                    }
                    if (!def->ru_counted.empty()) {
                        ch.value = ru::Count(n, *cat_.CountedNoun(def->ru_counted), " ");
                        ch.unit.clear();
                    } else {
                        ch.value = n;
                    }
                    ch.value_uz = unit_uz.empty() ? n : n + " " + unit_uz;
                    break;
                }
                case AttributeValue::Kind::kDictionary:
                    ch.dictionary = true;
                    ch.value = v.entry ? v.entry->ValueFor(m_) : v.raw;
                    ch.value_uz = v.entry ? v.entry->uz : uz::Normalize(v.raw);
                    break;
                default:
                    ch.value = view_.Render(spec.attribute, "ru", RenderContext::kText, m_).value_or("");
                    ch.value_uz = view_.Render(spec.attribute, "uz", RenderContext::kText, m_).value_or("");
                    ch.value = text::ReplaceAll(ch.value, std::string(ru::kNbsp), " ");
                    ch.value_uz = text::ReplaceAll(ch.value_uz, std::string(ru::kNbsp), " ");
            }
            if (ch.value.empty()) {
                continue;
            }
            if (!takes_uz) {
                ch.name_uz.clear();
                ch.value_uz.clear();
            }
            out.push_back(std::move(ch));
        }
        return out;
    }

    std::vector<SlideText> Slides() const {
        std::map<std::string, std::vector<std::pair<std::string, Slide>>> per_lang;
        std::vector<std::string> topics;
        auto fits_line = [](const std::string& s) { return !s.empty() && text::Length(s) <= kSlideLineMax; };
        auto add_lines = [&](Slide& slide, const std::vector<std::string>& lines) {
            for (const auto& l : lines) {
                if (slide.lines.size() < kSlideLinesMax && fits_line(l)) {
                    slide.lines.push_back(l);
                }
            }
        };
        std::vector<SlideText> out;
        auto slide_for = [&](const std::string& topic) -> SlideText& {
            for (auto& s : out) {
                if (s.topic == topic) {
                    return s;
                }
            }
            out.push_back(SlideText{topic, {}});
            return out.back();
        };
        for (const char* lang : kLangs) {
            std::vector<std::string> bullets;
            for (const auto& sp : strategy_.selling_points) {
                if (auto it = sp.text.find(lang); it != sp.text.end() && !it->second.empty()) {
                    bullets.push_back(it->second);
                }
            }
            // Hero: brand and model as the headline, the product type and the first selling point below.
            Slide hero;
            std::string name = FoldSpaces(view_.product().brand + " " + view_.Model(lang));
            hero.headline = text::Length(name) <= kSlideHeadlineMax && !name.empty() ? name : view_.TypeName(lang);
            std::vector<std::string> hero_lines;
            if (hero.headline != view_.TypeName(lang)) {
                hero_lines.push_back(view_.TypeName(lang));
            }
            if (!bullets.empty()) {
                hero_lines.push_back(bullets[0]);
            }
            add_lines(hero, hero_lines);
            slide_for("hero").text[lang] = hero;

            Slide features{cat_.Template(lang, "slide_features"), {}};
            std::vector<std::string> rest;
            for (size_t i = 0; i < bullets.size(); ++i) {
                if (features.lines.size() < kSlideLinesMax && fits_line(bullets[i])) {
                    features.lines.push_back(bullets[i]);
                } else {
                    rest.push_back(bullets[i]);
                }
            }
            slide_for("features").text[lang] = features;

            Slide specs{cat_.Template(lang, "slide_specs"), {}};
            add_lines(specs, rest);
            std::set<std::string> points;
            for (const auto& sp : strategy_.selling_points) {
                points.insert(sp.attribute);
            }
            for (const auto& spec : view_.category().characteristics) {
                const AttributeDef* def = cat_.Attribute(spec.attribute);
                if (specs.lines.size() >= kSlideLinesMax) {
                    break;
                }
                if (!def || points.count(spec.attribute) || spec.attribute == "brand" || spec.attribute == "model" ||
                    !def->group.empty() || def->kind == AttributeKind::kBool || def->kind == AttributeKind::kList) {
                    continue;
                }
                auto value = view_.Render(spec.attribute, lang, RenderContext::kSlide, m_);
                if (value) {
                    add_lines(specs, {def->label.Get(lang) + ": " + *value});
                }
            }
            slide_for("specs").text[lang] = specs;

            Slide usage{cat_.Template(lang, "slide_usage"), {}};
            add_lines(usage, view_.category().SlideUsage(view_.type(), lang));
            slide_for("usage").text[lang] = usage;

            Slide service{cat_.Template(lang, "slide_service"), {}};
            std::vector<std::string> service_lines;
            if (auto w = view_.Bullet("warranty_months", lang, m_)) {
                service_lines.push_back(*w);
            }
            if (auto c = view_.Render("country", lang, RenderContext::kSlide, m_)) {
                service_lines.push_back(Fill(cat_.Template(lang, "slide_country"), {{"value", *c}}));
            }
            if (auto kit = view_.Get("package_contents"); kit.present()) {
                auto it = kit.list.find(lang);
                if (it == kit.list.end()) {
                    it = kit.list.find("*");
                }
                if (it != kit.list.end()) {
                    // The first kit item that is not the product itself ("смартфон" in a phone's box).
                    const auto& terms = view_.type().terms;
                    auto own = terms.find(lang);
                    for (const auto& item : it->second) {
                        std::string lower = text::Lower(item);
                        bool is_product = own != terms.end() &&
                                          std::find(own->second.begin(), own->second.end(), lower) != own->second.end();
                        if (!is_product) {
                            service_lines.push_back(
                                Fill(cat_.Template(lang, "slide_kit"), {{"value", text::FirstLower(item)}}));
                            break;
                        }
                    }
                }
            }
            add_lines(service, service_lines);
            if (!service.lines.empty()) {
                slide_for("service").text[lang] = service;
            }
        }
        // A slide with no line in some language is dropped rather than shown half empty.
        std::vector<SlideText> kept;
        for (auto& s : out) {
            bool complete = s.text.size() == kLangs.size();
            for (const auto& [lang, slide] : s.text) {
                complete = complete && !slide.lines.empty() && !slide.headline.empty();
            }
            if (complete) {
                kept.push_back(std::move(s));
            }
        }
        return kept;
    }

  private:
    const ProductView& view_;
    const CategoryCatalog& cat_;
    const Strategy& strategy_;
    Marketplace m_;
    const MarketplaceProfile& profile_;
};

std::string KeywordKey(std::string_view s) { return text::CollapseSpaces(text::Lower(s)); }

}  // namespace

OfflineContentEngine::OfflineContentEngine(std::shared_ptr<const CategoryCatalog> catalog, OfflineEngineOptions options)
    : catalog_(std::move(catalog)), options_(std::move(options)) {}

core::Result<Keywords> OfflineContentEngine::Research(const core::Product& product) {
    BY_ASSIGN(ResolvedCategory rc, catalog_->Resolve(product));
    ProductView view(*catalog_, product, rc);
    Keywords k;
    k.generation.source = "offline";
    std::set<std::string> seen;
    auto add = [&](const std::string& phrase, const char* lang, const char* source, int weight) {
        std::string key = KeywordKey(phrase);
        if (key.empty() || seen.count(std::string(lang) + ":" + key)) {
            return;
        }
        seen.insert(std::string(lang) + ":" + key);
        k.items.push_back(Keyword{key, lang, source, weight});
    };
    const BrandEntry* brand_entry = catalog_->FindBrand(product.brand);
    for (const char* lang : kLangs) {
        const std::string type = text::Lower(view.TypeName(lang));
        // The two name parts after the type: brand and model by default, author and title for books.
        std::vector<std::string> parts;
        for (const auto& part : view.category().head) {
            if (part == "type") {
                continue;
            }
            std::string v = part == "brand"   ? product.brand
                            : part == "model" ? view.Model(lang)
                                              : view.Render(part, lang, RenderContext::kKeyword, Marketplace::kWildberries).value_or("");
            if (!v.empty()) {
                parts.push_back(text::Lower(v));
            }
        }
        const std::string brand = parts.size() > 0 ? parts[0] : std::string();
        const std::string model = parts.size() > 1 ? parts[1] : std::string();
        k.main[lang] = KeywordKey(brand.empty() ? type : type + " " + brand);
        if (!brand.empty()) {
            add(type + " " + brand, lang, "type", 100);
        }
        if (!model.empty()) {
            add(type + " " + brand + " " + model, lang, "model", 95);
            add(brand + " " + model, lang, "model", 90);
        }
        add(type, lang, "type", 85);
        if (auto it = view.type().terms.find(lang); it != view.type().terms.end()) {
            for (const auto& term : it->second) {
                if (!brand.empty() && !text::Contains(term, brand)) {
                    add(term + " " + brand, lang, "synonym", 75);
                }
                add(term, lang, "synonym", 60);
            }
        }
        if (auto it = view.type().synonyms.find(lang); it != view.type().synonyms.end()) {
            for (const auto& syn : it->second) {
                if (!brand.empty() && !text::Contains(syn, brand) && !text::Contains(brand, syn)) {
                    add(syn + " " + brand, lang, "synonym", 65);
                }
                add(syn, lang, "synonym", 55);
            }
        }
        if (brand_entry && std::string(lang) == "ru" && view.category().head.size() > 1 && view.category().head[1] == "brand") {
            for (const auto& spelling : brand_entry->ru) {
                add(type + " " + spelling, lang, "brand", 70);
            }
        }
        if (auto it = view.category().search_phrases.find(lang); it != view.category().search_phrases.end()) {
            int weight = 80;
            for (const auto& pattern : it->second) {
                std::string phrase = pattern;
                bool complete = true;
                size_t pos = 0;
                while ((pos = phrase.find('{', pos)) != std::string::npos) {
                    size_t end = phrase.find('}', pos);
                    if (end == std::string::npos) {
                        complete = false;
                        break;
                    }
                    std::string name = phrase.substr(pos + 1, end - pos - 1);
                    std::string value;
                    if (name == "type") {
                        value = type;
                    } else if (name == "brand") {
                        value = text::Lower(product.brand);
                    } else if (name == "model") {
                        value = text::Lower(view.Model(lang));
                    } else if (auto v = view.Render(name, lang, RenderContext::kKeyword, Marketplace::kWildberries)) {
                        value = *v;
                    }
                    if (value.empty()) {
                        complete = false;
                        break;
                    }
                    phrase.replace(pos, end - pos + 1, value);
                    pos += value.size();
                }
                if (complete) {
                    add(phrase, lang, "attribute", weight);
                    weight = std::max(weight - 1, 50);
                }
            }
        }
    }
    std::stable_sort(k.items.begin(), k.items.end(),
                     [](const Keyword& a, const Keyword& b) { return a.weight > b.weight; });
    return k;
}

core::Result<Strategy> OfflineContentEngine::Plan(const core::Product& product, const Keywords& keywords) {
    BY_ASSIGN(ResolvedCategory rc, catalog_->Resolve(product));
    ProductView view(*catalog_, product, rc);
    Strategy s;
    s.generation.source = "offline";
    for (const auto& key : view.category().selling_points) {
        SellingPoint sp{key, {}};
        for (const char* lang : kLangs) {
            if (auto b = view.Bullet(key, lang, Marketplace::kWildberries)) {
                sp.text[lang] = *b;
            }
        }
        if (!sp.text.empty()) {
            s.selling_points.push_back(std::move(sp));
        }
    }
    // Price position against the category's bands (major units; Money is in minor units).
    auto band = view.category().price_bands.find(product.price.currency);
    if (band != view.category().price_bands.end() && product.price.amount > 0) {
        int64_t major = product.price.amount / 100;
        s.price_position = major < band->second.budget_below   ? PricePosition::kBudget
                           : major >= band->second.premium_from ? PricePosition::kPremium
                                                                : PricePosition::kMiddle;
        s.price_basis = "price " + std::to_string(major) + " " + product.price.currency + "; category bands: budget below " +
                        std::to_string(band->second.budget_below) + ", premium from " +
                        std::to_string(band->second.premium_from);
    } else {
        s.price_basis = "no price band for " + product.price.currency + " in category " + view.category().key;
    }
    // A premium product leads with what backs its price: the warranty moves up to second place.
    if (s.price_position == PricePosition::kPremium) {
        auto it = std::find_if(s.selling_points.begin(), s.selling_points.end(),
                               [](const SellingPoint& p) { return p.attribute == "warranty_months"; });
        if (it != s.selling_points.end() && it - s.selling_points.begin() > 1) {
            SellingPoint w = *it;
            s.selling_points.erase(it);
            s.selling_points.insert(s.selling_points.begin() + 1, std::move(w));
        }
    }
    for (const char* lang : kLangs) {
        std::string audience = view.category().Audience(view.type()).Get(lang);
        AttributeValue age = view.Get("age_from");
        if (age.kind == AttributeValue::Kind::kNumber) {
            const ru::CountedNoun* year = catalog_->CountedNoun("год");
            std::string age_text = std::string(lang) == "ru" && year ? ru::CountGenitive(age.number, *year)
                                                                     : FormatNumber(age.number);
            std::string sentence = Fill(catalog_->Template(lang, "audience_age"), {{"age", age_text}});
            audience = audience.empty() ? sentence : audience + " " + sentence;
        }
        if (!audience.empty()) {
            s.audience[lang] = audience;
        }
    }
    (void)keywords;
    return s;
}

core::Result<CardContent> OfflineContentEngine::Write(const core::Product& product, const Keywords& keywords,
                                                      const Strategy& strategy, Marketplace marketplace) {
    BY_ASSIGN(ResolvedCategory rc, catalog_->Resolve(product));
    ProductView view(*catalog_, product, rc);
    const MarketplaceProfile& profile = catalog_->Profile(marketplace);
    CardWriter writer(view, strategy, marketplace);

    CardContent c;
    c.marketplace = marketplace;
    c.category = rc.category->key;
    c.product_type = rc.type->key;
    c.marketplace_category = rc.type->marketplaces.at(marketplace);
    c.language = profile.languages.front();
    uz::ApostropheStyle style = profile.uz_apostrophe;
    if (auto it = options_.uz_apostrophe.find(marketplace); it != options_.uz_apostrophe.end()) {
        style = it->second;
    }
    for (const auto& lang : profile.languages) {
        LocalizedText t = writer.Text(lang);
        if (lang == "uz") {
            t.title = uz::Render(t.title, style);
            t.short_description = uz::Render(t.short_description, style);
            t.description = uz::Render(t.description, style);
            for (auto& b : t.bullets) {
                b = uz::Render(b, style);
            }
        }
        c.texts[lang] = std::move(t);
    }
    const LocalizedText& primary = c.texts.at(c.language);
    c.title = primary.title;
    c.description = primary.description;
    c.bullets = primary.bullets;
    c.characteristics = writer.Characteristics();
    for (auto& ch : c.characteristics) {
        ch.name_uz = uz::Render(ch.name_uz, style);
        ch.value_uz = uz::Render(ch.value_uz, style);
    }
    std::set<std::string> listed;
    for (const auto& lang : profile.languages) {
        for (const auto& kw : keywords.For(lang, 100)) {
            // Uzbek phrases with Cyrillic (a Russian book title) are for the Russian list only.
            bool cyrillic = false;
            for (char32_t ch : text::Decode(kw)) {
                cyrillic = cyrillic || text::IsCyrillic(ch);
            }
            if (lang == "uz" && cyrillic) {
                continue;
            }
            auto& list = c.texts[lang].keywords;
            if (list.size() >= options_.card_keywords) {
                break;
            }
            list.push_back(lang == "uz" ? uz::Render(kw, style) : kw);
            if (listed.insert(list.back()).second) {
                c.keywords.push_back(list.back());
            }
        }
    }
    c.slides = writer.Slides();
    c.uz_apostrophe = std::string(uz::ApostropheStyleName(profile.Takes("uz") ? style : uz::ApostropheStyle::kModifier));
    c.generation.source = "offline";
    if (keywords.generation.fallback) {
        c.generation.fallback_stages.push_back("research");
    }
    if (strategy.generation.fallback) {
        c.generation.fallback_stages.push_back("strategy");
    }
    return c;
}

core::Result<std::vector<CardContent>> OfflineContentEngine::WriteAll(const core::Product& product) {
    BY_ASSIGN(Keywords k, Research(product));
    BY_ASSIGN(Strategy s, Plan(product, k));
    std::vector<CardContent> out;
    for (Marketplace m : core::kAllMarketplaces) {
        BY_ASSIGN(CardContent c, Write(product, k, s, m));
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace by::ai
