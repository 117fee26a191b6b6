// Builds the queue, the content engine, the stages, the orchestrator and the workers from the config.
// The publish seam comes from the caller (it needs the vault and the marketplace adapters); a stage whose
// engine is missing fails its cards with "stage X not built", never with fake output.
#pragma once

#include <memory>

#include "ai/catalog.hpp"
#include "ai/offline_engine.hpp"
#include "ai/quality.hpp"
#include "app/ai_wiring.hpp"
#include "app/marketplace_wiring.hpp"
#include "app/vault_wiring.hpp"
#include "app/wiring.hpp"
#include "competitors/price_reader.hpp"
#include "competitors/scheduler.hpp"
#include "pipeline/orchestrator.hpp"
#include "pipeline/services.hpp"
#include "pipeline/stage.hpp"
#include "pipeline/worker.hpp"
#include "queue/db/db_job_queue.hpp"
#include "queue/job_queue.hpp"
#include "stock/order_poller.hpp"

namespace by::app {

struct Pipeline {
    queue::DefaultRng rng;
    queue::QueueConfig queue_config;
    queue::JobQueuePtr queue;
    queue::DbJobQueue* db_queue = nullptr;  // set when the queue lives in the database (transactional enqueue)
    std::shared_ptr<const ai::CategoryCatalog> catalog;
    std::unique_ptr<ai::OfflineContentEngine> engine;
    std::unique_ptr<TextEngines> text;  // what the text stages call (app/ai_wiring.hpp); uses `engine`
    std::unique_ptr<ai::QualityChecker> checker;
    std::unique_ptr<pipeline::MediaService> media;
    std::unique_ptr<pipeline::PublishService> publisher;
    std::vector<std::unique_ptr<pipeline::Stage>> stages;
    std::unique_ptr<pipeline::Orchestrator> orchestrator;
    std::unique_ptr<pipeline::WorkerPool> workers;
};

// `publisher` (may be null: publish and moderation stages are then "not built") becomes the pipeline's.
core::Result<std::unique_ptr<Pipeline>> BuildPipeline(Services& s, const std::string& worker_id,
                                                      std::unique_ptr<pipeline::PublishService> publisher = nullptr);

// Everything a process that runs jobs needs, in dependency order (destroyed in reverse: the pipeline's
// publisher uses the vault and the adapters).
struct WorkerParts {
    std::unique_ptr<VaultParts> vault;
    std::unique_ptr<MarketplaceParts> markets;
    std::unique_ptr<Pipeline> pipeline;
    // After publishing: orders in, one stock figure out (started with the workers).
    std::unique_ptr<stock::OrderSource> order_source;
    std::unique_ptr<stock::OrderPoller> orders;
    // Competitor prices from the public storefronts (started with the workers; refresh from the API).
    std::unique_ptr<competitors::StorefrontReader> price_reader;
    std::unique_ptr<competitors::PriceScheduler> competitors;
};
// base_urls: as for BuildMarketplaces. The worker id names this process in the queue and the audit log.
core::Result<std::unique_ptr<WorkerParts>> BuildWorkerParts(Services& s, const nlohmann::json& base_urls);
// Connects the API to the pipeline: approve queues work, progress streams, admin queue and retries.
void ConnectApi(Pipeline& p, api::ApiContext& ctx);

}  // namespace by::app
