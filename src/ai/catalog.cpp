#include "ai/catalog.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "ai/text.hpp"

namespace by::ai {

using nlohmann::json;

namespace {

const std::string kEmpty;
const std::set<std::string> kNoWords;

std::string FoldKey(std::string_view s) {
    // Lower-case, ё -> е, canonical Uzbek apostrophes: the form every lookup compares.
    return text::ReplaceAll(text::Lower(uz::Normalize(text::Trim(s))), "ё", "е");
}

core::Result<json> ReadJson(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) {
        return core::Error::NotFound("cannot open " + path.string());
    }
    std::stringstream ss;
    ss << in.rdbuf();
    json j = json::parse(ss.str(), nullptr, false);
    if (j.is_discarded()) {
        return core::Error::Invalid("malformed JSON in " + path.string());
    }
    return j;
}

std::string Str(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Localized Loc(const json& j, const char* key) {
    Localized l;
    auto it = j.find(key);
    if (it == j.end()) {
        return l;
    }
    if (it->is_string()) {
        l.ru = l.uz = l.en = it->get<std::string>();
        return l;
    }
    if (it->is_object()) {
        l.ru = Str(*it, "ru");
        l.uz = uz::Normalize(Str(*it, "uz"));
        l.en = Str(*it, "en");
    }
    return l;
}

std::vector<std::string> StrList(const json& j) {
    std::vector<std::string> out;
    if (j.is_array()) {
        for (const auto& v : j) {
            if (v.is_string()) {
                out.push_back(v.get<std::string>());
            }
        }
    }
    return out;
}

std::map<std::string, std::vector<std::string>> LangLists(const json& j, const char* key, bool lower) {
    std::map<std::string, std::vector<std::string>> out;
    auto it = j.find(key);
    if (it == j.end() || !it->is_object()) {
        return out;
    }
    for (const auto& [lang, v] : it->items()) {
        for (auto s : StrList(v)) {
            if (lang == "uz") {
                s = uz::Normalize(s);
            }
            out[lang].push_back(lower ? text::Lower(s) : s);
        }
    }
    return out;
}

std::optional<Marketplace> ParseMp(std::string_view name) {
    if (name == "yandex_market") {
        return Marketplace::kYandex;
    }
    return core::ParseMarketplace(name);
}

core::Result<std::set<Marketplace>> MarketplaceSet(const json& j, const std::string& where) {
    std::set<Marketplace> out;
    if (j.is_string() && j.get<std::string>() == "all") {
        out.insert(core::kAllMarketplaces.begin(), core::kAllMarketplaces.end());
        return out;
    }
    if (!j.is_array()) {
        return core::Error::Invalid(where + ": expected \"all\" or a list of marketplaces");
    }
    for (const auto& v : j) {
        auto m = v.is_string() ? ParseMp(v.get<std::string>()) : std::nullopt;
        if (!m) {
            return core::Error::Invalid(where + ": unknown marketplace " + v.dump());
        }
        out.insert(*m);
    }
    return out;
}

std::map<Marketplace, std::string> MpStrings(const json& j, const char* key) {
    std::map<Marketplace, std::string> out;
    auto it = j.find(key);
    if (it == j.end() || !it->is_object()) {
        return out;
    }
    for (const auto& [name, v] : it->items()) {
        if (auto m = ParseMp(name); m && v.is_string()) {
            out[*m] = v.get<std::string>();
        }
    }
    return out;
}

std::optional<int64_t> OptInt(const json& j, const char* key) {
    auto it = j.find(key);
    if (it != j.end() && it->is_number_integer()) {
        return it->get<int64_t>();
    }
    return std::nullopt;
}

const std::set<std::string> kStatuses = {"confirmed", "inferred", "candidate", "resolve_by_name"};

core::Status ParseType(const json& j, const std::string& where, ProductType& t) {
    t.key = Str(j, "key");
    t.name = Loc(j, "names");
    if (t.key.empty() || t.name.ru.empty() || t.name.uz.empty() || t.name.en.empty()) {
        return core::Error::Invalid(where + ": a product type needs key and names{ru,uz,en}");
    }
    auto g = ru::ParseGender(Str(j, "ru_gender"));
    if (!g) {
        return core::Error::Invalid(where + ": ru_gender must be m, f, n or pl");
    }
    t.ru_gender = *g;
    if (auto tx = j.find("texts"); tx != j.end() && tx->is_object()) {
        for (const auto& [name, v] : tx->items()) {
            t.texts[name] = Loc(*tx, name.c_str());
        }
    }
    t.audience = Loc(j, "audience");
    t.slide_usage = LangLists(j, "slide_usage", false);
    t.terms = LangLists(j, "terms", true);
    t.synonyms = LangLists(j, "synonyms", true);
    if (t.terms["ru"].empty() || t.terms["uz"].empty()) {
        return core::Error::Invalid(where + ": terms need ru and uz");
    }
    auto mps = j.find("marketplaces");
    if (mps == j.end() || !mps->is_object()) {
        return core::Error::Invalid(where + ": marketplaces missing");
    }
    for (Marketplace m : core::kAllMarketplaces) {
        auto it = mps->find(MarketplaceKey(m));
        if (it == mps->end() || !it->is_object()) {
            return core::Error::Invalid(where + ": no mapping for " + MarketplaceKey(m));
        }
        CategoryRef ref;
        ref.id = OptInt(*it, "id");
        ref.type_id = OptInt(*it, "type_id");
        ref.name = Str(*it, "name");
        ref.status = Str(*it, "status");
        ref.source = Str(*it, "source");
        if (!kStatuses.count(ref.status)) {
            return core::Error::Invalid(where + "." + MarketplaceKey(m) + ": unknown status " + ref.status);
        }
        // Never present an invented id as real: an id needs a source, and no id means resolve by name.
        if (ref.id && ref.source.empty()) {
            return core::Error::Invalid(where + "." + MarketplaceKey(m) + ": an id needs its source");
        }
        if (!ref.id && ref.status != "resolve_by_name") {
            return core::Error::Invalid(where + "." + MarketplaceKey(m) + ": id null needs status resolve_by_name");
        }
        if (ref.id && ref.status == "resolve_by_name") {
            return core::Error::Invalid(where + "." + MarketplaceKey(m) + ": resolve_by_name must have id null");
        }
        if (ref.name.empty()) {
            return core::Error::Invalid(where + "." + MarketplaceKey(m) + ": category name missing");
        }
        t.marketplaces[m] = ref;
        if (auto note = Str(*it, "note"); !note.empty()) {
            t.notes[m] = note;
        }
    }
    return core::Ok();
}

}  // namespace

const std::string& Localized::Get(std::string_view lang) const {
    if (lang == "ru") {
        return ru;
    }
    if (lang == "uz") {
        return uz;
    }
    return en;
}

const std::string& DictionaryEntry::ValueFor(Marketplace m) const {
    auto it = values.find(m);
    return it != values.end() ? it->second : ru;
}

void Dictionary::BuildIndex() {
    index_.clear();
    for (size_t i = 0; i < entries.size(); ++i) {
        const auto& e = entries[i];
        std::vector<std::string> spellings = {e.key, e.ru, e.uz, e.en, e.ru_genitive};
        if (e.ru_forms) {
            spellings.insert(spellings.end(), {e.ru_forms->m, e.ru_forms->f, e.ru_forms->n, e.ru_forms->pl});
        }
        for (const auto& [m, v] : e.values) {
            spellings.push_back(v);
        }
        spellings.insert(spellings.end(), e.aliases.begin(), e.aliases.end());
        for (const auto& s : spellings) {
            if (!s.empty()) {
                index_.emplace(FoldKey(s), i);
            }
        }
    }
}

const DictionaryEntry* Dictionary::Find(std::string_view spelling) const {
    auto it = index_.find(FoldKey(spelling));
    return it == index_.end() ? nullptr : &entries[it->second];
}

bool Dictionary::Allows(Marketplace m, std::string_view value) const {
    return std::any_of(entries.begin(), entries.end(), [&](const DictionaryEntry& e) { return e.ValueFor(m) == value; });
}

const CharacteristicSpec* Category::FindSpec(std::string_view attribute) const {
    for (const auto& c : characteristics) {
        if (c.attribute == attribute) {
            return &c;
        }
    }
    return nullptr;
}

const Localized& Category::Text(const ProductType& type, const std::string& block) const {
    auto it = type.texts.find(block);
    if (it != type.texts.end() && !it->second.ru.empty()) {
        return it->second;
    }
    return texts.at(block);
}

const Localized& Category::Audience(const ProductType& type) const {
    return type.audience.ru.empty() ? audience : type.audience;
}

const std::vector<std::string>& Category::SlideUsage(const ProductType& type, const std::string& lang) const {
    static const std::vector<std::string> kNone;
    auto it = type.slide_usage.find(lang);
    if (it != type.slide_usage.end() && !it->second.empty()) {
        return it->second;
    }
    auto c = slide_usage.find(lang);
    return c == slide_usage.end() ? kNone : c->second;
}

bool MarketplaceProfile::Takes(std::string_view lang) const {
    return std::find(languages.begin(), languages.end(), lang) != languages.end();
}

std::string MarketplaceKey(Marketplace m) { return std::string(core::MarketplaceName(m)); }

namespace {

core::Status LoadProfiles(const json& j, std::map<Marketplace, MarketplaceProfile>& out) {
    auto mps = j.find("marketplaces");
    if (mps == j.end() || !mps->is_object()) {
        return core::Error::Invalid("marketplaces.json: \"marketplaces\" missing");
    }
    for (Marketplace m : core::kAllMarketplaces) {
        auto it = mps->find(MarketplaceKey(m));
        if (it == mps->end()) {
            return core::Error::Invalid("marketplaces.json: no profile for " + MarketplaceKey(m));
        }
        MarketplaceProfile p;
        p.marketplace = m;
        p.languages = StrList(it->value("languages", json::array()));
        if (p.languages.empty()) {
            return core::Error::Invalid("marketplaces.json: " + MarketplaceKey(m) + " needs languages");
        }
        p.title_max = it->value("title_max", 60);
        auto tt = it->value("title_target", json::array({0, p.title_max}));
        p.title_target_min = tt.at(0).get<int>();
        p.title_target_max = tt.at(1).get<int>();
        p.title_attributes_max = it->value("title_attributes_max", 2);
        p.description_max = it->value("description_max", 2000);
        auto dt = it->value("description_target", json::array({0, p.description_max}));
        p.description_target_min = dt.at(0).get<int>();
        p.description_target_max = dt.at(1).get<int>();
        p.bullets_max = it->value("bullets_max", 5);
        p.short_description = it->value("short_description", false);
        p.title_nbsp = it->value("title_nbsp", false);
        auto style = uz::ParseApostropheStyle(it->value("uz_apostrophe", std::string("modifier")));
        if (!style) {
            return core::Error::Invalid("marketplaces.json: " + MarketplaceKey(m) + ".uz_apostrophe unknown");
        }
        p.uz_apostrophe = *style;
        if (p.title_target_max > p.title_max || p.description_target_max > p.description_max) {
            return core::Error::Invalid("marketplaces.json: " + MarketplaceKey(m) + " target above its maximum");
        }
        out[m] = p;
    }
    return core::Ok();
}

core::Status LoadAttributes(const json& j, std::map<std::string, AttributeDef, std::less<>>& out) {
    auto attrs = j.find("attributes");
    if (attrs == j.end() || !attrs->is_object()) {
        return core::Error::Invalid("attributes.json: \"attributes\" missing");
    }
    for (const auto& [key, a] : attrs->items()) {
        AttributeDef d;
        d.key = key;
        std::string kind = Str(a, "kind");
        if (kind == "text") {
            d.kind = AttributeKind::kText;
        } else if (kind == "number") {
            d.kind = AttributeKind::kNumber;
        } else if (kind == "bool") {
            d.kind = AttributeKind::kBool;
        } else if (kind == "dictionary") {
            d.kind = AttributeKind::kDictionary;
        } else if (kind == "list") {
            d.kind = AttributeKind::kList;
        } else {
            return core::Error::Invalid("attributes.json: " + key + ".kind unknown: " + kind);
        }
        d.dictionary = Str(a, "dictionary");
        d.label = Loc(a, "label");
        if (d.label.ru.empty() || d.label.uz.empty() || d.label.en.empty()) {
            return core::Error::Invalid("attributes.json: " + key + ".label needs ru, uz, en");
        }
        d.unit = Loc(a, "unit");
        d.ru_counted = Str(a, "ru_counted");
        d.bullet = Loc(a, "bullet");
        d.intro = Loc(a, "intro");
        d.title = Loc(a, "title");
        d.names = MpStrings(a, "names");
        if (auto ids = a.find("attribute_ids"); ids != a.end() && ids->is_object()) {
            for (const auto& [name, v] : ids->items()) {
                if (auto m = ParseMp(name); m && v.is_number_integer()) {
                    d.attribute_ids[*m] = v.get<int64_t>();
                }
            }
        }
        if (auto conv = a.find("convert"); conv != a.end() && conv->is_object()) {
            for (const auto& [name, v] : conv->items()) {
                auto m = ParseMp(name);
                if (!m) {
                    return core::Error::Invalid("attributes.json: " + key + ".convert: unknown marketplace " + name);
                }
                d.convert[*m] = UnitConversion{Str(v, "unit"), Str(v, "unit_uz"), v.value("shift", 0)};
            }
        }
        d.group = Str(a, "group");
        d.spec = a.value("spec", true);
        out[key] = std::move(d);
    }
    return core::Ok();
}

core::Result<Dictionary> LoadDictionary(const json& j, const std::string& file) {
    Dictionary d;
    d.name = Str(j, "name");
    d.note = Str(j, "note");
    if (d.name.empty()) {
        return core::Error::Invalid(file + ": dictionary name missing");
    }
    for (const auto& e : j.at("entries")) {
        DictionaryEntry de;
        de.key = Str(e, "key");
        de.ru = Str(e, "ru");
        de.uz = uz::Normalize(Str(e, "uz"));
        de.en = Str(e, "en");
        de.ru_genitive = Str(e, "ru_genitive");
        if (auto f = e.find("ru_forms"); f != e.end() && f->is_object()) {
            de.ru_forms = ru::AdjectiveForms{Str(*f, "m"), Str(*f, "f"), Str(*f, "n"), Str(*f, "pl")};
            if (de.ru.empty()) {
                de.ru = de.ru_forms->m;
            }
        }
        de.values = MpStrings(e, "values");
        for (const auto& a : StrList(e.value("aliases", json::array()))) {
            de.aliases.push_back(a);
        }
        if (de.key.empty() || de.ru.empty() || de.uz.empty() || de.en.empty()) {
            return core::Error::Invalid(file + ": entry " + e.dump() + " needs key, ru, uz, en");
        }
        d.entries.push_back(std::move(de));
    }
    d.BuildIndex();
    return d;
}

}  // namespace

core::Result<std::shared_ptr<const CategoryCatalog>> CategoryCatalog::Load(const std::filesystem::path& data_dir) {
    std::shared_ptr<CategoryCatalog> cat(new CategoryCatalog());
    cat->data_dir_ = data_dir;
    std::string where;
    try {
        where = "marketplaces.json";
        BY_ASSIGN(json profiles, ReadJson(data_dir / "marketplaces.json"));
        BY_TRY(LoadProfiles(profiles, cat->profiles_));

        const auto dict_dir = data_dir / "dictionaries";
        where = "dictionaries/attributes.json";
        BY_ASSIGN(json attrs, ReadJson(dict_dir / "attributes.json"));
        BY_TRY(LoadAttributes(attrs, cat->attributes_));

        where = "dictionaries/ru_counted_nouns.json";
        BY_ASSIGN(json nouns, ReadJson(dict_dir / "ru_counted_nouns.json"));
        for (const auto& [key, forms] : nouns.at("nouns").items()) {
            auto f = StrList(forms);
            if (f.size() != 3) {
                return core::Error::Invalid(where + ": " + key + " needs three forms");
            }
            cat->counted_[key] = ru::CountedNoun{f[0], f[1], f[2]};
        }

        where = "dictionaries/brands.json";
        BY_ASSIGN(json brands, ReadJson(dict_dir / "brands.json"));
        for (const auto& b : brands.at("brands")) {
            BrandEntry e{Str(b, "name"), StrList(b.value("ru", json::array())),
                         StrList(b.value("aliases", json::array()))};
            for (auto& s : e.ru) {
                s = text::Lower(s);
            }
            cat->brands_.push_back(std::move(e));
        }

        where = "dictionaries/stopwords.json";
        BY_ASSIGN(json stop, ReadJson(dict_dir / "stopwords.json"));
        for (const auto& [lang, words] : stop.items()) {
            for (const auto& w : StrList(words)) {
                cat->stop_words_[lang].insert(text::Lower(lang == "uz" ? uz::Normalize(w) : w));
            }
        }

        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(dict_dir)) {
            files.push_back(entry.path());
        }
        std::sort(files.begin(), files.end());
        for (const auto& path : files) {
            if (path.extension() != ".json") {
                continue;
            }
            where = "dictionaries/" + path.filename().string();
            BY_ASSIGN(json dj, ReadJson(path));
            if (!dj.contains("entries")) {
                continue;  // attributes, nouns, brands, stop words
            }
            BY_ASSIGN(Dictionary d, LoadDictionary(dj, where));
            std::string name = d.name;
            cat->dictionaries_[name] = std::move(d);
        }

        where = "templates/common.json";
        BY_ASSIGN(json tpl, ReadJson(data_dir / "templates" / "common.json"));
        for (const auto& [lang, entries] : tpl.items()) {
            if (!entries.is_object()) {
                continue;
            }
            for (const auto& [key, v] : entries.items()) {
                if (v.is_string()) {
                    cat->templates_[lang][key] = lang == "uz" ? uz::Normalize(v.get<std::string>()) : v.get<std::string>();
                }
            }
        }

        // Every attribute's references resolve.
        for (const auto& [key, a] : cat->attributes_) {
            if (a.kind == AttributeKind::kDictionary && !cat->dictionaries_.count(a.dictionary)) {
                return core::Error::Invalid("attributes.json: " + key + " names unknown dictionary " + a.dictionary);
            }
            if (!a.ru_counted.empty() && !cat->counted_.count(a.ru_counted)) {
                return core::Error::Invalid("attributes.json: " + key + " names unknown counted noun " + a.ru_counted);
            }
        }

        std::vector<std::filesystem::path> category_files;
        for (const auto& entry : std::filesystem::directory_iterator(data_dir / "categories")) {
            if (entry.path().extension() == ".json") {
                category_files.push_back(entry.path());
            }
        }
        std::sort(category_files.begin(), category_files.end());
        for (const auto& path : category_files) {
            where = "categories/" + path.filename().string();
            BY_ASSIGN(json j, ReadJson(path));
            Category c;
            c.key = Str(j, "key");
            if (c.key.empty() || c.key + ".json" != path.filename().string()) {
                return core::Error::Invalid(where + ": key must match the file name");
            }
            c.names = Loc(j, "names");
            if (c.names.ru.empty() || c.names.uz.empty() || c.names.en.empty()) {
                return core::Error::Invalid(where + ": names need ru, uz, en");
            }
            c.type_attribute = j.value("type_attribute", std::string("type"));
            for (const auto& tj : j.at("types")) {
                ProductType t;
                BY_TRY(ParseType(tj, where + ".types", t));
                c.types.push_back(std::move(t));
            }
            if (c.types.empty()) {
                return core::Error::Invalid(where + ": at least one product type");
            }
            for (const auto& cj : j.at("characteristics")) {
                CharacteristicSpec s;
                s.attribute = Str(cj, "attribute");
                if (!cat->attributes_.count(s.attribute)) {
                    return core::Error::Invalid(where + ": unknown attribute " + s.attribute);
                }
                if (auto r = cj.find("required"); r != cj.end()) {
                    BY_ASSIGN(s.required, MarketplaceSet(*r, where + "." + s.attribute + ".required"));
                }
                s.names = MpStrings(cj, "names");
                c.characteristics.push_back(std::move(s));
            }
            auto known = [&](const std::vector<std::string>& keys, const char* field) -> core::Status {
                for (const auto& k : keys) {
                    if (!c.FindSpec(k)) {
                        return core::Error::Invalid(where + ": " + field + " names " + k +
                                                    ", which is not among the category's characteristics");
                    }
                }
                return core::Ok();
            };
            c.selling_points = StrList(j.value("selling_points", json::array()));
            c.title_attributes = StrList(j.value("title_attributes", json::array()));
            c.important = StrList(j.value("important", json::array()));
            BY_TRY(known(c.selling_points, "selling_points"));
            BY_TRY(known(c.title_attributes, "title_attributes"));
            BY_TRY(known(c.important, "important"));
            if (auto t = j.find("texts"); t != j.end() && t->is_object()) {
                for (const auto& [name, v] : t->items()) {
                    c.texts[name] = Loc(*t, name.c_str());
                }
            }
            for (const char* block : {"purpose", "usage", "care"}) {
                if (c.texts[block].ru.empty() || c.texts[block].uz.empty()) {
                    return core::Error::Invalid(where + ": texts." + block + " needs ru and uz");
                }
            }
            c.audience = Loc(j, "audience");
            c.slide_usage = LangLists(j, "slide_usage", false);
            c.search_phrases = LangLists(j, "search_phrases", false);
            if (auto pb = j.find("price_bands"); pb != j.end() && pb->is_object()) {
                for (const auto& [cur, band] : pb->items()) {
                    c.price_bands[cur] = PriceBand{band.at("budget_below").get<int64_t>(),
                                                   band.at("premium_from").get<int64_t>()};
                }
            }
            if (auto dm = j.find("description_max"); dm != j.end() && dm->is_object()) {
                for (const auto& [name, v] : dm->items()) {
                    if (auto m = ParseMp(name)) {
                        c.description_max[*m] = v.get<int>();
                    }
                }
            }
            if (auto h = j.find("head"); h != j.end()) {
                c.head = StrList(*h);
                for (const auto& part : c.head) {
                    if (part != "type" && part != "brand" && part != "model" && !cat->attributes_.count(part)) {
                        return core::Error::Invalid(where + ": head names unknown part " + part);
                    }
                }
            }
            c.quote_model = j.value("quote_model", false);
            c.required_source = Str(j, "required_source");
            std::string key = c.key;
            cat->categories_[key] = std::move(c);
        }
        if (cat->categories_.empty()) {
            return core::Error::Invalid("no categories under " + (data_dir / "categories").string());
        }
    } catch (const std::exception& e) {
        return core::Error::Invalid(where + ": " + e.what());
    }
    return std::shared_ptr<const CategoryCatalog>(std::move(cat));
}

const Category* CategoryCatalog::Find(std::string_view key) const {
    auto it = categories_.find(key);
    return it == categories_.end() ? nullptr : &it->second;
}

std::vector<std::string> CategoryCatalog::Keys() const {
    std::vector<std::string> out;
    for (const auto& [k, v] : categories_) {
        out.push_back(k);
    }
    return out;
}

core::Result<ResolvedCategory> CategoryCatalog::Resolve(const core::Product& product) const {
    const Category* c = Find(product.category);
    if (!c) {
        return core::Error::Invalid("unknown category \"" + product.category + "\"", "category");
    }
    ResolvedCategory r{c, &c->types.front()};
    auto it = product.attributes.find(c->type_attribute);
    if (it != product.attributes.end() && it->is_string()) {
        std::string want = FoldKey(it->get<std::string>());
        for (const auto& t : c->types) {
            bool match = t.key == want;
            for (const auto& [lang, terms] : t.terms) {
                match = match || std::find(terms.begin(), terms.end(), want) != terms.end();
            }
            if (match) {
                r.type = &t;
                return r;
            }
        }
        return core::Error::Invalid("unknown product type \"" + it->get<std::string>() + "\" for category " + c->key,
                                    "attributes." + c->type_attribute);
    }
    // No explicit type: the longest type term found in the product name decides.
    std::string name = FoldKey(product.name);
    size_t best = 0;
    for (const auto& t : c->types) {
        for (const auto& [lang, terms] : t.terms) {
            for (const auto& term : terms) {
                if (term.size() > best && name.find(FoldKey(term)) != std::string::npos) {
                    best = term.size();
                    r.type = &t;
                }
            }
        }
    }
    return r;
}

const AttributeDef* CategoryCatalog::Attribute(std::string_view key) const {
    auto it = attributes_.find(key);
    return it == attributes_.end() ? nullptr : &it->second;
}

const Dictionary* CategoryCatalog::FindDictionary(std::string_view name) const {
    auto it = dictionaries_.find(name);
    return it == dictionaries_.end() ? nullptr : &it->second;
}

const ru::CountedNoun* CategoryCatalog::CountedNoun(std::string_view key) const {
    auto it = counted_.find(std::string(key));
    return it == counted_.end() ? nullptr : &it->second;
}

const MarketplaceProfile& CategoryCatalog::Profile(Marketplace m) const { return profiles_.at(m); }

const BrandEntry* CategoryCatalog::FindBrand(std::string_view name) const {
    std::string want = text::Lower(name);
    for (const auto& b : brands_) {
        if (text::Lower(b.name) == want) {
            return &b;
        }
    }
    return nullptr;
}

const std::string& CategoryCatalog::Template(std::string_view lang, std::string_view key) const {
    auto l = templates_.find(lang);
    if (l == templates_.end()) {
        return kEmpty;
    }
    auto it = l->second.find(key);
    return it == l->second.end() ? kEmpty : it->second;
}

const std::set<std::string>& CategoryCatalog::StopWords(std::string_view lang) const {
    auto it = stop_words_.find(lang);
    return it == stop_words_.end() ? kNoWords : it->second;
}

}  // namespace by::ai
