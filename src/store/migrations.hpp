// Embedded schema migrations per dialect (generated from migrations/<dialect>/NNN_name.sql).
#pragma once

#include <string>
#include <vector>

namespace by::store {

struct Migration {
    const char* name;  // "001_initial"
    const char* sql;
};

const std::vector<Migration>& Migrations_sqlite();
const std::vector<Migration>& Migrations_postgres();

}  // namespace by::store
