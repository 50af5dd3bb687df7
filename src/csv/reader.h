// Reads a CSV file record by record, streaming: memory is one buffer (1 MiB,
// growing only for a record longer than that, up to a limit), whatever the
// file's size. Each record comes with its byte offset, its line number, its
// exact bytes and line ending, and its fields.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/files.h"
#include "base/hash.h"
#include "base/status.h"
#include "csv/dialect.h"
#include "csv/tokenizer.h"

namespace crmerge::csv {

struct Record {
  uint64_t offset = 0;    // file offset of the record's first byte
  uint64_t line = 0;      // 1-based line number on which it starts
  std::string_view text;  // the record's bytes, without its line ending
  std::string_view eol;   // "\n", "\r\n", "\r", or "" for a last line without one
  bool blank = false;     // an empty line: not a record (no fields, no row number)
  RecordProblem problem = RecordProblem::kNone;
  std::vector<FieldSpan> fields;

  size_t field_count() const { return fields.size(); }
  // Field `i` without CSV quoting; `scratch` holds it when unescaping was needed.
  std::string_view field(size_t i, char quote, std::string& scratch) const {
    return field_value(text, fields[i], quote, scratch);
  }
};

struct ReaderOptions {
  uint64_t start_offset = 0;  // where to start (a record boundary)
  uint64_t start_line = 1;    // the line number at start_offset
  size_t expected_fields = 0; // when non-zero, records with another count get kFieldCount
  size_t max_record_bytes = 64u << 20;
  ContentHasher* hasher = nullptr;  // when set, fed every byte read (from start_offset to the end)
};

class RecordReader {
 public:
  static Result<RecordReader> open(const std::string& path, const Dialect& dialect, const ReaderOptions& options);

  // Reads the next record (or blank line) into `rec`; false at the end of the
  // file. Views in `rec` stay valid until the next call.
  Result<bool> next(Record& rec);
  // File offset just after the last record returned.
  uint64_t position() const { return file_pos_ - (end_ - begin_); }
  // Line number of the next record.
  uint64_t line() const { return line_; }
  uint64_t file_size() const { return file_.size(); }
  const std::string& path() const { return file_.path(); }

 private:
  Status fill();

  InputFile file_;
  Dialect dialect_;
  ReaderOptions options_;
  std::vector<char> buf_;
  size_t begin_ = 0;  // unconsumed data is buf_[begin_, end_)
  size_t end_ = 0;
  uint64_t file_pos_ = 0;  // file offset of buf_[end_]
  uint64_t line_ = 1;
  bool eof_ = false;
};

}  // namespace crmerge::csv
