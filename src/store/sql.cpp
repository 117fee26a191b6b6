#include "store/sql.hpp"

#include <cstdlib>

namespace by::store {

std::string Row::Str(size_t i) const {
    const SqlValue& v = values_.at(i);
    if (auto* s = std::get_if<std::string>(&v)) return *s;
    if (auto* n = std::get_if<int64_t>(&v)) return std::to_string(*n);
    if (auto* d = std::get_if<double>(&v)) return std::to_string(*d);
    return {};
}

int64_t Row::Int(size_t i) const {
    const SqlValue& v = values_.at(i);
    if (auto* n = std::get_if<int64_t>(&v)) return *n;
    if (auto* d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
    if (auto* s = std::get_if<std::string>(&v)) return std::strtoll(s->c_str(), nullptr, 10);
    return 0;
}

double Row::Double(size_t i) const {
    const SqlValue& v = values_.at(i);
    if (auto* n = std::get_if<int64_t>(&v)) return static_cast<double>(*n);
    if (auto* d = std::get_if<double>(&v)) return *d;
    if (auto* s = std::get_if<std::string>(&v)) return std::strtod(s->c_str(), nullptr);
    return 0;
}

bool IsUniqueViolation(const core::Error& e) {
    return e.code == core::ErrorCode::kConflict && e.context.find("unique") != std::string::npos;
}

}  // namespace by::store
