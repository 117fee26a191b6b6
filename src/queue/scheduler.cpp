#include "queue/scheduler.hpp"

#include <limits>
#include <tuple>

namespace by::queue {

int64_t EffectivePriority(int priority, int64_t ready_at, int64_t now, int64_t step) {
    int64_t wait = now - ready_at;
    if (step <= 0) {
        return priority;
    }
    int64_t q = wait / step;
    if (wait % step != 0 && wait < 0) {
        --q;  // floor, not truncation, for a ready_at in the future
    }
    return priority - q;
}

std::vector<Candidate> FairPicker::Pick(std::vector<Lane>& lanes, int n,
                                        const std::function<std::vector<Candidate>(const Lane&)>& fetch) {
    std::vector<Candidate> out;
    while (static_cast<int>(out.size()) < n) {
        // The best lane: lowest effective priority of its head; then the least recently served partner;
        // then (ready_at, id) of the head.
        Lane* best = nullptr;
        std::tuple<int64_t, int64_t, int64_t, std::string, std::string> best_key;
        for (Lane& lane : lanes) {
            if (lane.fetched && lane.items.empty()) {
                continue;
            }
            const Candidate& head = lane.fetched ? lane.items.front() : lane.hint;
            auto it = last_served_.find(lane.partner_id);
            int64_t turn = it == last_served_.end() ? std::numeric_limits<int64_t>::min() : it->second;
            auto key = std::make_tuple(EffectivePriority(lane.priority, head.ready_at, now_, step_), turn,
                                       head.ready_at, head.id, lane.partner_id);
            if (!best || key < best_key) {
                best = &lane;
                best_key = std::move(key);
            }
        }
        if (!best) {
            break;
        }
        if (!best->fetched) {
            auto items = fetch(*best);
            best->items.assign(items.begin(), items.end());
            best->fetched = true;
            continue;  // its real head may differ from the hint (taken by another claimer): re-rank
        }
        out.push_back(std::move(best->items.front()));
        best->items.pop_front();
        int64_t turn = next_turn_++;
        last_served_[best->partner_id] = turn;
        served_[best->partner_id] = turn;
    }
    return out;
}

}  // namespace by::queue
