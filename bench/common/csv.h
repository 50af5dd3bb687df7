// A small RFC 4180 CSV writer and reader for the benchmark programs.
// Deliberately independent of crmerge's own CSV code (src/csv): the benchmark
// must not share code with the program it measures.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

// Buffered writer of CSV records. Fields are quoted only when needed (they hold
// the delimiter, a quote, CR or LF); a quote inside a quoted field is doubled.
class CsvWriter {
 public:
  CsvWriter() = default;
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;
  ~CsvWriter();

  // Opens (truncates) PATH. Returns false with errno set on failure.
  bool open(const std::string& path, char delimiter, bool crlf);
  void field(std::string_view value);
  void end_record();
  void record(const std::vector<std::string>& fields);
  // Flushes and closes; false if any write failed.
  bool close();
  std::uint64_t bytes() const { return bytes_; }

 private:
  void put(std::string_view s);
  void flush_buffer();

  std::FILE* file_ = nullptr;
  std::string buf_;
  char delim_ = ',';
  bool special_[256] = {};  // bytes that make a field need quotes
  bool crlf_ = false;
  bool first_in_record_ = true;
  bool failed_ = false;
  std::uint64_t bytes_ = 0;
};

// Streaming reader of CSV records: quoted fields may hold delimiters, quotes
// ("" inside quotes) and line breaks; records end with LF or CRLF (a lone CR
// too). A line that is completely empty is skipped (it is not a record).
class CsvReader {
 public:
  CsvReader() = default;
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;
  ~CsvReader();

  // Opens PATH. delimiter 0 = sniff it from the first line (',', ';', '\t' or '|').
  // A UTF-8 byte-order mark at the start is skipped (had_bom() tells).
  bool open(const std::string& path, char delimiter = 0);
  // Reads the next record into FIELDS (resized). False at the end of the file or
  // on an error (then error() is non-empty).
  bool next(std::vector<std::string>& fields);
  const std::string& error() const { return error_; }
  char delimiter() const { return delim_; }
  bool had_bom() const { return had_bom_; }
  // 1-based line number where the last record returned started.
  std::uint64_t record_line() const { return record_line_; }
  std::uint64_t bytes_read() const { return consumed_; }

 private:
  bool fill();  // reads more input; false at EOF
  int peek();   // -1 at EOF
  int get();

  std::FILE* file_ = nullptr;
  std::string path_;
  std::vector<char> buf_;
  std::size_t pos_ = 0, len_ = 0;
  bool eof_ = false;
  char delim_ = ',';
  bool had_bom_ = false;
  std::uint64_t line_ = 1, record_line_ = 0, consumed_ = 0;
  std::string error_;
};

// Returns the index of NAME in HEADER, or -1.
int find_column(const std::vector<std::string>& header, std::string_view name);

}  // namespace bench
