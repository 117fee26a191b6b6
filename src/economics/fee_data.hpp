// The fee tables embedded from data/fees/ at build time (embed_fees.cmake).
#pragma once

#include <string>
#include <vector>

namespace by::economics {

struct EmbeddedFeeFile {
    std::string marketplace;  // the file name: uzum, wildberries, yandex, ozon
    std::string csv;
};

const std::vector<EmbeddedFeeFile>& EmbeddedFeeFiles();

}  // namespace by::economics
