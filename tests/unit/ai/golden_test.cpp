// The golden set: 40 products across the 30 categories, four cards each, every card passing the quality
// check; and no number in any generated text that the product's attributes do not contain.
#include <gtest/gtest.h>

#include <regex>

#include "ai/product_view.hpp"
#include "ai_test_util.hpp"

namespace by::ai {
namespace {

using testutil::Catalog;

TEST(Golden, FortyProductsCoverEveryCategory) {
    auto files = testutil::GoldenFiles();
    EXPECT_EQ(files.size(), 40u);
    std::set<std::string> categories;
    for (const auto& f : files) {
        auto j = testutil::ReadJsonFile(f);
        for (const char* key : {"sku", "name", "category", "brand", "attributes", "cost", "price", "stock"}) {
            EXPECT_TRUE(j.contains(key)) << f << " lacks " << key;
        }
        categories.insert(j["category"].get<std::string>());
    }
    EXPECT_EQ(categories.size(), Catalog()->Keys().size());
}

TEST(Golden, EveryCardPassesTheQualityCheck) {
    OfflineContentEngine engine(Catalog());
    QualityChecker checker(Catalog(), testutil::Rules());
    int cards = 0;
    int passed = 0;
    int min_score = 100;
    int total = 0;
    std::map<std::string, int> by_code;
    for (const auto& f : testutil::GoldenFiles()) {
        core::Product p = testutil::ProductFromJson(testutil::ReadJsonFile(f));
        auto written = engine.WriteAll(p);
        ASSERT_TRUE(written.ok()) << f << ": " << written.error().ToString();
        for (const auto& c : *written) {
            auto r = checker.Check(p, c, c.marketplace);
            ++cards;
            passed += r.passed ? 1 : 0;
            min_score = std::min(min_score, r.score);
            total += r.score;
            std::string issues;
            for (const auto& i : r.issues) {
                ++by_code[i.code];
                issues += "\n  " + i.code + " " + i.field + ": " + i.message_en;
            }
            EXPECT_TRUE(r.passed) << p.sku << " on " << core::MarketplaceName(c.marketplace) << " scored " << r.score
                                  << issues;
            EXPECT_FALSE(r.HasBlocking()) << p.sku << " " << core::MarketplaceName(c.marketplace) << issues;
        }
    }
    EXPECT_EQ(cards, 160);
    EXPECT_EQ(passed, 160);
    std::string summary;
    for (const auto& [code, n] : by_code) {
        summary += " " + code + "×" + std::to_string(n);
    }
    std::printf("golden: %d cards, %d passed, score min %d, mean %.1f; warnings:%s\n", cards, passed, min_score,
                cards ? static_cast<double>(total) / cards : 0.0, summary.c_str());
}

// Numbers as the product states them, found independently of the engine's helpers: JSON numbers, and digit
// runs inside attribute strings ("Galaxy A55", "6–10", "978-5-04-116583-4").
std::set<std::string> AttributeNumbers(const nlohmann::json& j) {
    std::set<std::string> out;
    static const std::regex kRun(R"(\d+(?:[.,]\d+)?)");
    std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& v) {
        if (v.is_number_integer() || v.is_number_unsigned()) {
            out.insert(std::to_string(v.get<int64_t>()));
        } else if (v.is_number_float()) {
            std::string s = v.dump();
            out.insert(s);
        } else if (v.is_string()) {
            std::string s = v.get<std::string>();
            for (std::sregex_iterator it(s.begin(), s.end(), kRun), end; it != end; ++it) {
                std::string n = it->str();
                std::replace(n.begin(), n.end(), ',', '.');
                out.insert(n);
            }
        } else if (v.is_array() || v.is_object()) {
            for (const auto& e : v) {
                walk(e);
            }
        }
    };
    walk(j);
    return out;
}

// Digit runs of a generated text: decimal commas read as points, groups joined by U+202F / U+00A0 merged.
std::vector<std::string> GeneratedNumbers(std::string s) {
    static const std::regex kGrouped("(\\d)(?:\u202F|\u00A0)(\\d{3})(?!\\d)");
    for (int i = 0; i < 3; ++i) {
        s = std::regex_replace(s, kGrouped, "$1$2");
    }
    static const std::regex kRun(R"(\d+(?:[.,]\d+)?)");
    std::vector<std::string> out;
    for (std::sregex_iterator it(s.begin(), s.end(), kRun), end; it != end; ++it) {
        std::string n = it->str();
        std::replace(n.begin(), n.end(), ',', '.');
        out.push_back(n);
    }
    return out;
}

bool SameNumber(const std::string& a, const std::string& b) {
    return std::strtod(a.c_str(), nullptr) == std::strtod(b.c_str(), nullptr);
}

TEST(Golden, NoGeneratedNumberIsMissingFromTheAttributes) {
    OfflineContentEngine engine(Catalog());
    int checked = 0;
    for (const auto& f : testutil::GoldenFiles()) {
        auto pj = testutil::ReadJsonFile(f);
        core::Product p = testutil::ProductFromJson(pj);
        nlohmann::json source = pj["attributes"];
        source["__brand"] = p.brand;
        const std::set<std::string> allowed = AttributeNumbers(source);
        auto known = [&](const std::string& n) {
            return std::any_of(allowed.begin(), allowed.end(), [&](const std::string& a) { return SameNumber(a, n); });
        };
        auto written = engine.WriteAll(p);
        ASSERT_TRUE(written.ok());
        for (const auto& c : *written) {
            std::vector<std::pair<std::string, std::string>> texts;  // field, text
            for (const auto& [lang, t] : c.texts) {
                texts.push_back({lang + ".title", t.title});
                texts.push_back({lang + ".short_description", t.short_description});
                texts.push_back({lang + ".description", t.description});
                for (const auto& b : t.bullets) {
                    texts.push_back({lang + ".bullet", b});
                }
                for (const auto& k : t.keywords) {
                    texts.push_back({lang + ".keyword", k});
                }
            }
            for (const auto& s : c.slides) {
                for (const auto& [lang, slide] : s.text) {
                    texts.push_back({"slide." + lang, slide.headline});
                    for (const auto& l : slide.lines) {
                        texts.push_back({"slide." + lang, l});
                    }
                }
            }
            for (const auto& ch : c.characteristics) {
                if (!ch.derived_from.empty()) {
                    // A unit conversion: the value is the attribute times a power of ten, nothing else.
                    const auto& raw = pj["attributes"][ch.key];
                    ASSERT_TRUE(raw.is_number()) << ch.key;
                    int shift = std::stoi(ch.derived_from.substr(ch.derived_from.find('^') + 1));
                    double expected = raw.get<double>() * std::pow(10.0, shift);
                    EXPECT_NEAR(std::strtod(ch.value.c_str(), nullptr), expected, 1e-9) << p.sku << " " << ch.key;
                    continue;
                }
                texts.push_back({"characteristic." + ch.key, ch.value});
                texts.push_back({"characteristic_uz." + ch.key, ch.value_uz});
            }
            for (const auto& [field, text] : texts) {
                for (const auto& n : GeneratedNumbers(text)) {
                    ++checked;
                    EXPECT_TRUE(known(n)) << p.sku << " " << core::MarketplaceName(c.marketplace) << " " << field
                                          << ": " << n << " in \"" << text << "\" is not in the attributes";
                }
            }
        }
    }
    EXPECT_GT(checked, 1000);
}

}  // namespace
}  // namespace by::ai
