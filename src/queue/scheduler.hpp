// The claim order shared by the SQL backend (the Redis backend runs the same rules in Lua):
// strict (effective_priority, ready_at, id) with effective_priority = priority − floor(wait/aging_step)
// (Q4), and within the lowest effective priority present, partners take turns, least recently served
// first (Q5). Jobs of one partner at one base priority form a *lane*, already sorted by (ready_at, id),
// so the lane heads are the only candidates; lanes are fetched lazily when first chosen.
// Not thread-safe: one picker per claim.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace by::queue {

struct Candidate {
    std::string id;
    std::string partner_id;
    int priority = 0;
    int64_t ready_at = 0;
};

struct Lane {
    std::string partner_id;
    int priority = 0;
    Candidate hint;                // head seen when lanes were listed (before fetching)
    std::deque<Candidate> items;   // fetched candidates, in (ready_at, id) order
    bool fetched = false;
};

// priority − floor((now − ready_at) / step)
int64_t EffectivePriority(int priority, int64_t ready_at, int64_t now, int64_t step);

class FairPicker {
  public:
    // last_served: partner → turn number of its last dispatch (missing = never); next_turn is larger than
    // every value in it.
    FairPicker(int64_t now, int64_t aging_step, std::unordered_map<std::string, int64_t> last_served,
               int64_t next_turn)
        : now_(now), step_(aging_step), last_served_(std::move(last_served)), next_turn_(next_turn) {}

    // Picks up to n candidates. fetch(lane) returns the lane's claimable items in order (called once per
    // lane, when first chosen); an empty answer retires the lane.
    std::vector<Candidate> Pick(std::vector<Lane>& lanes, int n,
                                const std::function<std::vector<Candidate>(const Lane&)>& fetch);

    // Partners served by Pick and their new turn numbers, to persist.
    const std::unordered_map<std::string, int64_t>& served() const { return served_; }
    int64_t next_turn() const { return next_turn_; }

  private:
    int64_t now_;
    int64_t step_;
    std::unordered_map<std::string, int64_t> last_served_;
    std::unordered_map<std::string, int64_t> served_;
    int64_t next_turn_;
};

}  // namespace by::queue
