// A small metrics registry with Prometheus text exposition (GET /metrics).
//
// Counters and gauges keyed by name + label set; histograms with fixed buckets (seconds). Label values
// must never carry secrets or ids with unbounded cardinality. Thread-safety: all methods lock one mutex;
// the hot paths (one increment per request or job) make that cheap enough.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace by::obs {

using Labels = std::vector<std::pair<std::string, std::string>>;

class Metrics {
  public:
    void Inc(const std::string& name, const Labels& labels = {}, double by = 1.0);
    void Set(const std::string& name, const Labels& labels, double value);
    void Observe(const std::string& name, const Labels& labels, double seconds);
    void Describe(const std::string& name, const std::string& type, const std::string& help);
    double Get(const std::string& name, const Labels& labels = {}) const;  // counter or gauge value
    std::string RenderPrometheus() const;

    static Metrics& Global();  // the process registry (the one exception to "no singletons": like a logger)

  private:
    struct Histogram {
        std::vector<double> counts;  // per bucket, cumulative at render time
        double sum = 0;
        double count = 0;
    };
    static std::string Key(const Labels& labels);
    mutable std::mutex mu_;
    std::map<std::string, std::map<std::string, double>> values_;          // guarded by mu_
    std::map<std::string, std::map<std::string, Histogram>> histograms_;   // guarded by mu_
    std::map<std::string, std::pair<std::string, std::string>> meta_;      // guarded by mu_
};

}  // namespace by::obs
