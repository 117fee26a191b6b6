// A minimal ustar archive (POSIX.1-1988) writer and reader for the backup file: regular files only,
// names up to 255 bytes (prefix + name), streamed one file at a time so assets never all sit in memory.
// The format is the standard one: `tar -tf backup.tar` lists it and `tar -xf` unpacks it by hand.
#pragma once

#include <cstdint>
#include <fstream>
#include <functional>
#include <string>

#include "core/error.hpp"

namespace by::app {

class TarWriter {
  public:
    explicit TarWriter(std::ofstream& out) : out_(out) {}
    core::Status Add(const std::string& name, const std::string& bytes, int64_t mtime_s);
    core::Status Finish();  // the two zero blocks that end an archive

  private:
    std::ofstream& out_;
};

// Calls fn(name, bytes) for every regular file in order; stops at the first error fn returns.
core::Status ReadTar(std::ifstream& in, const std::function<core::Status(const std::string&, std::string&&)>& fn);

}  // namespace by::app
