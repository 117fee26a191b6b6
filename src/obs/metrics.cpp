#include "obs/metrics.hpp"

#include <cstdio>
#include <sstream>

namespace by::obs {
namespace {
const std::vector<double> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120};

std::string Escape(const std::string& v) {
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == '"') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

std::string Num(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}
}  // namespace

std::string Metrics::Key(const Labels& labels) {
    std::string key;
    for (const auto& [k, v] : labels) {
        if (!key.empty()) {
            key += ',';
        }
        key += k + "=\"" + Escape(v) + "\"";
    }
    return key;
}

void Metrics::Inc(const std::string& name, const Labels& labels, double by) {
    std::lock_guard lock(mu_);
    values_[name][Key(labels)] += by;
}

void Metrics::Set(const std::string& name, const Labels& labels, double value) {
    std::lock_guard lock(mu_);
    values_[name][Key(labels)] = value;
}

void Metrics::Observe(const std::string& name, const Labels& labels, double seconds) {
    std::lock_guard lock(mu_);
    Histogram& h = histograms_[name][Key(labels)];
    if (h.counts.empty()) {
        h.counts.assign(kBuckets.size(), 0);
    }
    for (size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) {
            h.counts[i] += 1;
            break;
        }
    }
    h.sum += seconds;
    h.count += 1;
}

void Metrics::Describe(const std::string& name, const std::string& type, const std::string& help) {
    std::lock_guard lock(mu_);
    meta_[name] = {type, help};
}

double Metrics::Get(const std::string& name, const Labels& labels) const {
    std::lock_guard lock(mu_);
    auto it = values_.find(name);
    if (it == values_.end()) {
        return 0;
    }
    auto jt = it->second.find(Key(labels));
    return jt == it->second.end() ? 0 : jt->second;
}

std::string Metrics::RenderPrometheus() const {
    std::lock_guard lock(mu_);
    std::ostringstream out;
    auto header = [&](const std::string& name, const char* fallback_type) {
        auto it = meta_.find(name);
        if (it != meta_.end()) {
            out << "# HELP " << name << ' ' << it->second.second << '\n';
            out << "# TYPE " << name << ' ' << it->second.first << '\n';
        } else {
            out << "# TYPE " << name << ' ' << fallback_type << '\n';
        }
    };
    for (const auto& [name, series] : values_) {
        header(name, name.size() > 6 && name.substr(name.size() - 6) == "_total" ? "counter" : "gauge");
        for (const auto& [labels, v] : series) {
            out << name << (labels.empty() ? "" : "{" + labels + "}") << ' ' << Num(v) << '\n';
        }
    }
    for (const auto& [name, series] : histograms_) {
        header(name, "histogram");
        for (const auto& [labels, h] : series) {
            double cumulative = 0;
            std::string sep = labels.empty() ? "" : ",";
            for (size_t i = 0; i < kBuckets.size(); ++i) {
                cumulative += h.counts[i];
                out << name << "_bucket{" << labels << sep << "le=\"" << Num(kBuckets[i]) << "\"} "
                    << Num(cumulative) << '\n';
            }
            out << name << "_bucket{" << labels << sep << "le=\"+Inf\"} " << Num(h.count) << '\n';
            out << name << "_sum" << (labels.empty() ? "" : "{" + labels + "}") << ' ' << Num(h.sum) << '\n';
            out << name << "_count" << (labels.empty() ? "" : "{" + labels + "}") << ' ' << Num(h.count) << '\n';
        }
    }
    return out.str();
}

Metrics& Metrics::Global() {
    static Metrics m;
    return m;
}

}  // namespace by::obs
