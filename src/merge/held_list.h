// A list of fixed-size items held in memory up to a count, and beyond it, all
// of them, in a file: for the few groups of the match that can grow with the
// input (one LinkedIn profile on every CRM row, one CRM row paired with
// thousands of vendor rows), read again in full as often as needed.
#pragma once

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "base/files.h"
#include "base/status.h"

namespace crmerge::merge {

template <class Item>
class HeldList {
  static_assert(std::is_trivially_copyable_v<Item>);

 public:
  // Beyond `in_memory` items, they go to the file `path` (made when needed).
  HeldList(size_t in_memory, std::string path) : cap_(in_memory), path_(std::move(path)) {}
  HeldList(const HeldList&) = delete;
  HeldList& operator=(const HeldList&) = delete;
  ~HeldList() { close_file(); }

  Status add(const Item& item) {
    if (!file_ && items_.size() < cap_) {
      items_.push_back(item);
      return Status::ok();
    }
    if (!file_) {
      CRM_RETURN_IF_ERROR(make_directories(parent_dir(path_)));
      file_ = std::fopen(path_.c_str(), "w+b");
      if (!file_) return error("cannot create");
      if (std::fwrite(items_.data(), sizeof(Item), items_.size(), file_) != items_.size()) return error("cannot write");
      items_.clear();
    }
    return std::fwrite(&item, sizeof item, 1, file_) == 1 ? Status::ok() : error("cannot write");
  }

  // Calls fn(item) for every item, in the order added; fn returns a Status.
  template <class Fn>
  Status for_each(Fn&& fn) {
    for (const Item& item : items_) CRM_RETURN_IF_ERROR(fn(item));
    if (!file_) return Status::ok();
    if (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0) return error("cannot read");
    Item chunk[1024];
    for (;;) {
      const size_t n = std::fread(chunk, sizeof(Item), std::size(chunk), file_);
      for (size_t i = 0; i < n; ++i) CRM_RETURN_IF_ERROR(fn(chunk[i]));
      if (n < std::size(chunk)) break;
    }
    if (std::ferror(file_)) return error("cannot read");
    return std::fseek(file_, 0, SEEK_END) == 0 ? Status::ok() : error("cannot seek in");
  }

  // Empties the list (and removes its file).
  void clear() {
    items_.clear();
    close_file();
  }

 private:
  void close_file() {
    if (!file_) return;
    std::fclose(file_);
    file_ = nullptr;
    std::remove(path_.c_str());
  }
  Status error(const char* what) const { return Status::io_error(std::string(what) + " " + path_ + ": " + std::strerror(errno)); }

  const size_t cap_;
  const std::string path_;
  std::vector<Item> items_;
  std::FILE* file_ = nullptr;
};

}  // namespace crmerge::merge
