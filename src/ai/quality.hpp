// Quality gate for one marketplace card: the text and characteristic rules of marketplace-api/README.md and
// CONTENT.md §10, plus an SEO score, all driven by data/quality/rules.json (thresholds, word lists,
// severities, points and the uz/ru/en messages live there; each rule's `check` names an algorithm here).
//
// Score = 100 minus the points of every rule that fired (a rule deducts once). A card passes when the score
// reaches the pass line and no issue blocks; a card that does not pass is not published.
//
// Thread-safety: QualityRules and the catalog are immutable after loading; Check() is const and safe to call
// from many threads at once.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ai/catalog.hpp"
#include "ai/content.hpp"
#include "core/error.hpp"
#include "core/product.hpp"

namespace by::ai {

struct QualityRule {
    std::string id;
    std::string check;                        // algorithm name, e.g. "max_length"
    std::vector<std::string> fields;          // title, short_description, description, bullets, characteristics, slides, keywords
    std::set<Marketplace> marketplaces;       // empty = every marketplace
    std::vector<std::string> langs;           // empty = every language of the card
    Severity severity = Severity::kWarn;
    std::map<Marketplace, Severity> severity_by_marketplace;
    int points = 0;
    nlohmann::json params = nlohmann::json::object();
    Localized message;                        // with {placeholders}
    std::string source;

    bool AppliesTo(Marketplace m) const { return marketplaces.empty() || marketplaces.count(m) > 0; }
    Severity SeverityFor(Marketplace m) const;
};

class QualityRules {
  public:
    // Reads data/quality/rules.json; an unknown check name or a malformed rule is an error.
    static core::Result<std::shared_ptr<const QualityRules>> Load(const std::filesystem::path& data_dir);
    // Builds rules from an already parsed document (tests use it to vary one rule).
    static core::Result<std::shared_ptr<const QualityRules>> FromJson(const nlohmann::json& doc);

    int pass_line() const { return pass_line_; }
    const std::vector<QualityRule>& rules() const { return rules_; }
    const QualityRule* Find(std::string_view id) const;
    // A word list (lists.<name>); empty when absent.
    const std::vector<std::string>& List(std::string_view name) const;
    // Every check name the checker implements.
    static const std::set<std::string>& KnownChecks();

  private:
    QualityRules() = default;
    int pass_line_ = 70;
    std::vector<QualityRule> rules_;
    std::map<std::string, std::vector<std::string>, std::less<>> lists_;
};

struct QualityOptions {
    std::optional<int> pass_line;  // overrides rules.json pass_line
};

class QualityChecker {
  public:
    QualityChecker(std::shared_ptr<const CategoryCatalog> catalog, std::shared_ptr<const QualityRules> rules,
                   QualityOptions options = {});

    QualityReport Check(const core::Product& product, const CardContent& content, Marketplace marketplace) const;

  private:
    std::shared_ptr<const CategoryCatalog> catalog_;
    std::shared_ptr<const QualityRules> rules_;
    QualityOptions options_;
};

}  // namespace by::ai
