// The content engine's seams (ARCHITECTURE §2): research -> strategy -> text, one interface per step.
// Each has an offline default (OfflineContentEngine, offline_engine.hpp) that needs no network and no key,
// and a model-backed version (model_engine.hpp) that asks a TextModel and falls back to the offline one.
//
// Thread-safety: implementations are called from many pipeline workers at once and must be safe for
// concurrent calls (the offline engine holds only immutable data).
#pragma once

#include "ai/content.hpp"
#include "core/error.hpp"
#include "core/product.hpp"

namespace by::ai {

// Keywords buyers type for a product, in Russian and Uzbek. Done once per product (shared by its cards).
class Researcher {
  public:
    virtual ~Researcher() = default;
    virtual core::Result<Keywords> Research(const core::Product& product) = 0;
};

// Audience, the selling points in order and the price position. Once per product.
class Strategist {
  public:
    virtual ~Strategist() = default;
    virtual core::Result<Strategy> Plan(const core::Product& product, const Keywords& keywords) = 0;
};

// One marketplace card: titles, descriptions, bullets, characteristics, keywords and slide texts.
class Writer {
  public:
    virtual ~Writer() = default;
    virtual core::Result<CardContent> Write(const core::Product& product, const Keywords& keywords,
                                            const Strategy& strategy, Marketplace marketplace) = 0;
};

}  // namespace by::ai
