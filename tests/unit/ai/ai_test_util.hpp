// Shared fixtures for the ai tests: the repository's data/ (BY_SOURCE_DIR, set by by_add_test), loaded once,
// and golden products read from tests/golden/products/.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "ai/catalog.hpp"
#include "ai/offline_engine.hpp"
#include "ai/quality.hpp"
#include "core/product.hpp"

namespace by::ai::testutil {

inline std::filesystem::path SourceDir() {
    const char* dir = std::getenv("BY_SOURCE_DIR");
    return dir ? std::filesystem::path(dir) : std::filesystem::path(".");
}
inline std::filesystem::path DataDir() { return SourceDir() / "data"; }
inline std::filesystem::path GoldenDir() { return SourceDir() / "tests" / "golden" / "products"; }

inline std::shared_ptr<const CategoryCatalog> Catalog() {
    static std::shared_ptr<const CategoryCatalog> catalog = [] {
        auto r = CategoryCatalog::Load(DataDir());
        if (!r.ok()) {
            ADD_FAILURE() << r.error().ToString();
            return std::shared_ptr<const CategoryCatalog>();
        }
        return *r;
    }();
    return catalog;
}

inline std::shared_ptr<const QualityRules> Rules() {
    static std::shared_ptr<const QualityRules> rules = [] {
        auto r = QualityRules::Load(DataDir());
        if (!r.ok()) {
            ADD_FAILURE() << r.error().ToString();
            return std::shared_ptr<const QualityRules>();
        }
        return *r;
    }();
    return rules;
}

inline nlohmann::json ReadJsonFile(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return nlohmann::json::parse(ss.str());
}

// A product in the shape of the POST /api/products body.
inline core::Product ProductFromJson(const nlohmann::json& j) {
    core::Product p;
    p.sku = j.value("sku", "");
    p.name = j.value("name", "");
    p.category = j.value("category", "");
    p.brand = j.value("brand", "");
    p.description = j.value("description", "");
    p.attributes = j.value("attributes", nlohmann::json::object());
    if (j.contains("cost")) {
        p.cost = core::Money{j["cost"]["amount"].get<int64_t>(), j["cost"]["currency"].get<std::string>()};
    }
    if (j.contains("price")) {
        p.price = core::Money{j["price"]["amount"].get<int64_t>(), j["price"]["currency"].get<std::string>()};
    }
    p.stock = j.value("stock", 0);
    p.barcode = j.value("barcode", "");
    return p;
}

inline core::Product Golden(const std::string& name) { return ProductFromJson(ReadJsonFile(GoldenDir() / (name + ".json"))); }

inline std::vector<std::filesystem::path> GoldenFiles() {
    std::vector<std::filesystem::path> out;
    for (const auto& e : std::filesystem::directory_iterator(GoldenDir())) {
        if (e.path().extension() == ".json") {
            out.push_back(e.path());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace by::ai::testutil
