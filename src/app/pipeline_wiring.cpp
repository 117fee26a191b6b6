#include "app/pipeline_wiring.hpp"

#include <filesystem>

#include "api/context.hpp"
#include <unistd.h>

#include "app/media_service.hpp"
#include "app/publish_service.hpp"
#include "core/ids.hpp"
#include "notify/telegram.hpp"
#include "obs/log.hpp"
#include "pipeline/stages/media_stages.hpp"
#include "pipeline/stages/publish_stages.hpp"
#include "pipeline/stages/text_stages.hpp"
#include "queue/redis/redis_job_queue.hpp"

namespace by::app {

core::Result<std::unique_ptr<Pipeline>> BuildPipeline(Services& s, const std::string& worker_id,
                                                      std::unique_ptr<pipeline::PublishService> publisher) {
    auto p = std::make_unique<Pipeline>();
    p->publisher = std::move(publisher);
    const Config& c = s.config;
    // Heartbeats three times a lease, the reaper six: a job survives two lost beats, a dead worker's
    // jobs come back within 1.2 leases.
    p->queue_config.lease_ms = c.lease_ms;
    p->queue_config.heartbeat_interval_ms = c.lease_ms / 3;
    p->queue_config.reaper_interval_ms = std::max(500, c.lease_ms / 6);
    if (!c.redis_url.empty()) {
        BY_ASSIGN(auto rq, queue::RedisJobQueue::Open(c.redis_url, s.clock, p->rng, p->queue_config));
        p->queue = std::move(rq);
    } else {
        std::string listen = s.db->dialect() == store::Dialect::kPostgres ? c.database_url : std::string();
        auto dbq = std::make_unique<queue::DbJobQueue>(*s.db, s.clock, p->rng, p->queue_config, listen);
        p->db_queue = dbq.get();
        p->queue = std::move(dbq);
    }
    BY_ASSIGN(p->catalog, ai::CategoryCatalog::Load(c.data_path));
    p->engine = std::make_unique<ai::OfflineContentEngine>(p->catalog);
    BY_ASSIGN(p->text, BuildTextEngines(c, *p->engine, p->catalog, s.clock));  // [ai]: the offline engine or models
    BY_ASSIGN(auto rules, ai::QualityRules::Load(c.data_path));
    p->checker = std::make_unique<ai::QualityChecker>(p->catalog, rules);

    p->media = std::make_unique<AppMediaService>(*s.store, *s.assets, s.clock);
    std::map<std::string, pipeline::Stage*> by_name;
    auto add = [&](std::unique_ptr<pipeline::Stage> st) {
        by_name[std::string(st->name())] = st.get();
        p->stages.push_back(std::move(st));
    };
    add(std::make_unique<pipeline::ResearchStage>(*p->text->researcher));
    add(std::make_unique<pipeline::StrategyStage>(*p->text->strategist));
    add(std::make_unique<pipeline::ContentStage>(*p->text->writer));
    add(std::make_unique<pipeline::QualityStage>(*p->checker));
    if (p->media) {
        add(std::make_unique<pipeline::SlidesStage>(*p->media));
        if (c.video) {
            add(std::make_unique<pipeline::VideoStage>(*p->media));
        } else {
            add(std::make_unique<pipeline::SkippedStage>("video"));
        }
        add(std::make_unique<pipeline::ImagesStage>(*p->media));
    }
    pipeline::OrchestratorOptions oo;
    if (p->publisher) {
        add(std::make_unique<pipeline::PublishStage>(*p->publisher, *s.store, s.clock, &s.telegram->notifier()));
        add(std::make_unique<pipeline::ModerationStage>(*p->publisher, oo.moderation_poll_ms, &s.telegram->notifier()));
        add(std::make_unique<pipeline::SyncStage>(*p->publisher));
    }
    pipeline::EnqueueInTx in_tx;
    if (p->db_queue) {
        queue::DbJobQueue* q = p->db_queue;
        in_tx = [q](store::SqlConn& conn, const queue::NewJob& job) { return q->EnqueueTx(conn, job); };
    }
    p->orchestrator = std::make_unique<pipeline::Orchestrator>(*s.store, *p->queue, s.clock, by_name, oo, in_tx);
    pipeline::WorkerOptions wo;
    wo.cpu_workers = c.workers;
    wo.worker_id = worker_id;
    wo.errors = s.errors.get();
    p->workers = std::make_unique<pipeline::WorkerPool>(*p->orchestrator, *p->queue, p->queue_config, wo);
    return p;
}

namespace {

// [competitors] URLs when set; else the in-process sandbox's ports (its storefront routes live on each
// marketplace's port, at the origin of its seller API URL); else the real public hosts.
competitors::StorefrontUrls StorefrontUrlsFor(const Config& c, const nlohmann::json& base_urls) {
    competitors::StorefrontUrls u;
    auto pick = [&base_urls](const std::string& configured, const char* mp, std::string* out) {
        if (!configured.empty()) {
            *out = configured;
        } else if (base_urls.contains(mp) && base_urls[mp].is_string()) {
            std::string base = base_urls[mp].get<std::string>();
            size_t host = base.find("://");
            size_t path = host == std::string::npos ? std::string::npos : base.find('/', host + 3);
            *out = path == std::string::npos ? base : base.substr(0, path);
        }
    };
    pick(c.wildberries_storefront_url, "wildberries", &u.wildberries);
    pick(c.uzum_storefront_url, "uzum", &u.uzum);
    pick(c.ozon_storefront_url, "ozon", &u.ozon);
    pick(c.yandex_storefront_url, "yandex", &u.yandex);
    return u;
}

}  // namespace

core::Result<std::unique_ptr<WorkerParts>> BuildWorkerParts(Services& s, const nlohmann::json& base_urls) {
    auto w = std::make_unique<WorkerParts>();
    char host[128] = {};
    gethostname(host, sizeof host - 1);
    std::string worker_id = std::string(host) + ":" + std::to_string(getpid()) + ":" + core::RandomHex(3);
    BY_ASSIGN(w->vault, BuildVault(s, worker_id));
    BY_ASSIGN(w->markets, BuildMarketplaces(s, base_urls));
    auto publisher = std::make_unique<AppPublishService>(s, *w->vault, *w->markets);
    BY_ASSIGN(w->pipeline, BuildPipeline(s, worker_id, std::move(publisher)));
    w->order_source = std::make_unique<AppOrderSource>(*w->vault, *w->markets);
    stock::PollerOptions po;
    po.interval_ms = s.config.orders_interval_ms;
    po.low_stock = s.config.low_stock;
    po.owner = worker_id;
    pipeline::Orchestrator* orch = w->pipeline->orchestrator.get();
    w->orders = std::make_unique<stock::OrderPoller>(
        *s.store, *w->order_source,
        [orch](const std::string& partner, const std::string& product) { return orch->SyncProduct(partner, product); },
        po,
        [&s](const std::string& partner, const std::string& product_id, int64_t stock) {
            // The partner hears of it (Telegram, folded per product for 12 h); a lookup failure only costs the note.
            if (auto p = s.store->GetProduct(partner, product_id); p.ok()) s.telegram->notifier().StockLow(*p, stock);
        });
    competitors::SchedulerOptions co;
    co.interval_ms = s.config.competitors_interval_ms;
    co.owner = worker_id;
    w->price_reader = std::make_unique<competitors::StorefrontReader>(*w->markets->http, StorefrontUrlsFor(s.config, base_urls));
    w->competitors = std::make_unique<competitors::PriceScheduler>(*s.store, *w->price_reader, co);
    return w;
}

void ConnectApi(Pipeline& p, api::ApiContext& ctx) {
    pipeline::Orchestrator* orch = p.orchestrator.get();
    ctx.on_approved = [orch](const store::RequestRow& r, store::SqlConn& c) { return orch->OnApproved(r, c); };
    ctx.after_approved = [orch](const store::RequestRow& r) { return orch->AfterApproved(r); };
    ctx.queue = p.queue.get();
    ctx.orchestrator = orch;
}

}  // namespace by::app
