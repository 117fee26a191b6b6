// The claim order the orchestrator gives a chain: depth first. With two requests of one partner approved a
// second apart and one worker, the first product goes through every stage to its card's moderation before
// the second product's research starts (breadth first, the second research ran second).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "pipeline/orchestrator.hpp"
#include "pipeline/plan.hpp"
#include "queue/db/db_job_queue.hpp"
#include "store/store.hpp"
#include "testing/fake_clock.hpp"
#include "testing/test_db.hpp"

namespace by::pipeline {
namespace {

TEST(Orchestrator, CarriesAStartedProductThroughBeforeTheNextStarts) {
    testing::FakeClock clock;
    auto tdb = testing::OpenTestDb();
    store::Store store(*tdb.db, clock);
    queue::DefaultRng rng(7);
    queue::DbJobQueue queue(*tdb.db, clock, rng);

    std::vector<std::unique_ptr<SkippedStage>> owned;
    std::map<std::string, Stage*> stages;
    for (const auto* list : {&ProductStages(), &CardStages()}) {
        for (const auto& name : *list) {
            owned.push_back(std::make_unique<SkippedStage>(name));
            stages[name] = owned.back().get();
        }
    }
    Orchestrator orchestrator(store, queue, clock, stages, {}, nullptr);

    auto owner = store.CreatePartnerWithOwner("A", "a@x.uz", "h");
    ASSERT_TRUE(owner.ok());
    std::map<std::string, std::string> name_of;  // request id -> "first" / "second"
    for (const char* which : {"first", "second"}) {
        core::Product p;
        p.partner_id = owner->first.id;
        p.sku = std::string("SKU-") + which;
        p.name = "Simsiz quloqchin";
        p.category = "headphones";
        p.cost = {10000000, "UZS"};
        p.price = {25000000, "UZS"};
        auto product = store.CreateProduct(p);
        ASSERT_TRUE(product.ok()) << product.error().ToString();
        store::RequestRow r;
        r.partner_id = owner->first.id;
        r.product_id = product->id;
        r.marketplaces = {"wildberries"};
        r.priority = "normal";
        r.status = "submitted";
        auto request = store.CreateRequest(r);
        ASSERT_TRUE(request.ok()) << request.error().ToString();
        store::RequestRow decided;
        auto st = tdb.db->Tx([&](store::SqlConn& conn) -> core::Status {
            BY_ASSIGN(decided, store.DecideRequest(request->id, "submitted", "approved", "admin", "", std::nullopt, &conn));
            return orchestrator.OnApproved(decided, conn);
        });
        ASSERT_TRUE(st.ok()) << st.error().ToString();
        ASSERT_TRUE(orchestrator.AfterApproved(decided).ok());
        name_of[decided.id] = which;
        clock.Advance(1'000);
    }

    // One worker, one job at a time, each taking 10 ms.
    std::vector<std::string> ran;
    for (int guard = 0; guard < 100; ++guard) {
        auto claimed = queue.Claim({"w1", 1, {}});
        ASSERT_TRUE(claimed.ok()) << claimed.error().ToString();
        if (claimed->empty()) break;
        const queue::Job& job = claimed->front();
        auto payload = nlohmann::json::parse(job.payload);
        ran.push_back(name_of[payload.value("request_id", "")] + ":" + job.kind);
        clock.Advance(10);
        auto st = orchestrator.RunJob(job);
        ASSERT_TRUE(st.ok()) << job.kind << ": " << st.error().ToString();
        ASSERT_TRUE(queue.Complete(job.lease()).ok());
    }

    std::vector<std::string> expected;
    for (const char* which : {"first", "second"}) {
        for (const auto* list : {&ProductStages(), &CardStages()}) {
            for (const auto& name : *list) expected.push_back(std::string(which) + ":" + name);
        }
    }
    EXPECT_EQ(ran, expected);
}

}  // namespace
}  // namespace by::pipeline
