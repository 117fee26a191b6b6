#include "economics/csv.hpp"

namespace by::economics {

core::Result<std::vector<CsvRecord>> ParseCsv(std::string_view text) {
    std::vector<CsvRecord> out;
    CsvRecord rec;
    std::string field;
    bool quoted = false, any = false;
    auto end_record = [&] {
        rec.push_back(field);
        field.clear();
        if (any || rec.size() > 1 || !rec[0].empty()) out.push_back(rec);
        rec.clear();
        any = false;
    };
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = any = true;
        } else if (c == ',') {
            rec.push_back(field);
            field.clear();
        } else if (c == '\n') {
            end_record();
        } else if (c != '\r') {
            field += c;
        }
    }
    if (quoted) return core::Error::Invalid("unterminated quote in CSV");
    if (!field.empty() || !rec.empty()) end_record();
    return out;
}

}  // namespace by::economics
