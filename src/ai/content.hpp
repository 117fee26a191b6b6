// The content engine's value types: keyword research, strategy, one marketplace card's texts, and the
// quality report; with JSON conversion for the API and for storing stage outputs (pipeline §5).
// Plain values, no shared state: safe to copy between threads.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"
#include "core/error.hpp"

namespace by::ai {

using core::Marketplace;

// How a result was produced. A fallback to the offline engine is reported by the quality check.
struct Generation {
    std::string source = "offline";  // "offline" | "model"
    std::string model;               // provider/model name when a TextModel wrote it
    std::string prompt_id;
    int prompt_version = 0;
    int attempts = 0;                // model calls made
    bool fallback = false;           // the model failed and the offline engine produced the result
    std::string fallback_reason;
    // On a card: every step whose model call fell back ("research", "strategy", "write"), for the report.
    std::vector<std::string> fallback_stages;
};

// One search phrase as buyers type it.
struct Keyword {
    std::string text;    // lower-case, e.g. "смартфон samsung 256 гб"
    std::string lang;    // "ru" | "uz"
    std::string source;  // "type" | "synonym" | "brand" | "model" | "attribute" | "phrase" | "model_provider"
    int weight = 0;      // 0–100, higher first
};

struct Keywords {
    std::map<std::string, std::string> main;  // lang -> the main keyword (product type + brand)
    std::vector<Keyword> items;               // ordered by weight, no duplicates
    Generation generation;
    // Up to `limit` phrases of one language, best first.
    std::vector<std::string> For(std::string_view lang, size_t limit = 100) const;
};

enum class PricePosition { kUnknown, kBudget, kMiddle, kPremium };
std::string_view PricePositionName(PricePosition p);  // "unknown" | "budget" | "middle" | "premium"

// A selling point: one product attribute and how the card states it.
struct SellingPoint {
    std::string attribute;                   // attribute key, e.g. "battery_mah"
    std::map<std::string, std::string> text; // lang -> bullet text (canonical Uzbek)
};

struct Strategy {
    std::map<std::string, std::string> audience;  // lang -> who the product is for
    std::vector<SellingPoint> selling_points;     // in the order the card presents them
    PricePosition price_position = PricePosition::kUnknown;
    std::string price_basis;                      // how the position was decided, for the report
    Generation generation;
};

// One language's texts of a card.
struct LocalizedText {
    std::string title;
    std::string short_description;  // Uzum's 1–2 sentence summary; the first sentences elsewhere
    std::string description;
    std::vector<std::string> bullets;
    std::vector<std::string> keywords;  // search phrases in this language, best first
};

struct Slide {
    std::string headline;
    std::vector<std::string> lines;
};
// Text for one infographic slide (slide 1, the clean product shot, carries no text and is not listed).
struct SlideText {
    std::string topic;                  // "hero" | "features" | "specs" | "usage" | "service" | "kit"
    std::map<std::string, Slide> text;  // "ru" and "uz"
};

// A characteristic as the marketplace names it. `name`/`value` are Russian; `name_uz`/`value_uz` are
// filled where the marketplace takes Uzbek too (Uzum, Yandex UZ catalogue).
struct Characteristic {
    std::string key;  // our attribute key
    std::string name;
    std::string value;
    std::string name_uz;
    std::string value_uz;
    std::string unit;                      // "см", "кг", "ГБ"… (also inside `name` where the marketplace does so)
    std::optional<int64_t> attribute_id;   // marketplace attribute id, only where a source gives it
    bool required = false;
    bool dictionary = false;               // value taken from a dictionary
    std::string derived_from;              // "package_length_cm*10" when converted; empty when copied
};

// Where a marketplace files the product.
struct CategoryRef {
    std::optional<int64_t> id;       // WB subjectID, Ozon description_category_id, Yandex/Uzum category id
    std::optional<int64_t> type_id;  // Ozon type_id
    std::string name;                // the marketplace's category name (look it up when id is null)
    std::string status;              // "confirmed" | "inferred" | "candidate" | "resolve_by_name"
    std::string source;
};

struct CardContent {
    Marketplace marketplace = Marketplace::kWildberries;
    std::string category;      // our category key
    std::string product_type;  // our product-type key inside the category
    CategoryRef marketplace_category;
    std::string language;      // primary language of title/description/bullets
    std::string title;
    std::string description;
    std::vector<std::string> bullets;
    std::vector<Characteristic> characteristics;
    std::vector<std::string> keywords;           // every language's keywords, primary language first
    std::map<std::string, LocalizedText> texts;  // every language the marketplace takes
    std::vector<SlideText> slides;               // 4–6 infographic slides
    std::string uz_apostrophe;                   // style the Uzbek texts were written in
    Generation generation;

    const Characteristic* FindCharacteristic(std::string_view key) const;
};

enum class Severity { kInfo, kWarn, kBlock };
std::string_view SeverityName(Severity s);  // "info" | "warn" | "block"

struct QualityIssue {
    std::string code;    // rule id, e.g. "R-T-1", "SEO-2"
    Severity severity = Severity::kWarn;
    std::string field;   // "title", "texts.uz.description", "characteristics.color", "slides[2]"…
    std::string message_uz;
    std::string message_ru;
    std::string message_en;
    int points = 0;      // deducted from the score
};

struct QualityReport {
    Marketplace marketplace = Marketplace::kWildberries;
    int score = 0;       // 0–100
    int pass_line = 70;
    bool passed = false; // score >= pass_line and no blocking issue
    std::vector<QualityIssue> issues;

    bool HasBlocking() const;
    bool Has(std::string_view code) const;
};

void to_json(nlohmann::json& j, const Keywords& k);
void to_json(nlohmann::json& j, const Strategy& s);
void to_json(nlohmann::json& j, const CardContent& c);
void to_json(nlohmann::json& j, const QualityIssue& i);
void to_json(nlohmann::json& j, const QualityReport& r);

core::Result<Keywords> KeywordsFromJson(const nlohmann::json& j);
core::Result<Strategy> StrategyFromJson(const nlohmann::json& j);
core::Result<CardContent> CardContentFromJson(const nlohmann::json& j);

}  // namespace by::ai
