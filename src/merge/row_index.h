// Where each row of an input is: its byte offset, length and first line, in a
// file of fixed-width records in the job folder (rows/<src>.idx, 16 bytes a
// row, at row * 16). The keys phase writes it as it reads each input (each
// piece of an input is a run of consecutive rows: one write per 4096 rows);
// the match reads the rows whose names it compares, the export the matched
// vendor rows, the audit and the report the lines of rows. (It was the DuckDB
// table keys_rows: one appended row per input row grew the keys phase's memory
// with the input, 315 -> 473 MB at 10M CRM rows, and its join cost resolve.)
#pragma once

#include <cstdint>
#include <string>

#include "base/batch_reader.h"
#include "base/files.h"
#include "base/status.h"
#include "merge/job.h"

namespace crmerge::merge {

struct RowPlace {
  uint64_t offset = 0;  // of the record's first byte in the input as scanned
  uint32_t length = 0;  // of the record, without its line end
  uint64_t line = 0;    // the physical line it starts on (1-based)
  bool operator==(const RowPlace&) const = default;
};

constexpr size_t kRowPlaceBytes = 16;
void encode_place(const RowPlace& p, char* out);
RowPlace decode_place(const char* in);

// rows/<src>.idx in the job folder.
std::string row_index_path(const JobFolder& folder, int src);

// Makes the index of an input of `rows` rows (every record zero until written).
Status create_row_index(const std::string& path, uint64_t rows);
// (The keys phase syncs the indexes with sync_files_in(), base/files.h, at its end.)

// Writes the places of consecutive rows from `first_row` on, buffered.
class RowIndexWriter {
 public:
  static Result<RowIndexWriter> open(const std::string& path, uint64_t first_row);
  RowIndexWriter() = default;
  RowIndexWriter(RowIndexWriter&& other) noexcept;
  RowIndexWriter& operator=(RowIndexWriter&& other) noexcept;
  RowIndexWriter(const RowIndexWriter&) = delete;
  RowIndexWriter& operator=(const RowIndexWriter&) = delete;
  ~RowIndexWriter();

  // The next row's place: its record starts at `offset` on `line` and is
  // `length` bytes long. Fails beyond 2^48 bytes or lines, or 4 GiB a record.
  Status add(uint64_t offset, size_t length, uint64_t line);
  Status close();

 private:
  Status flush();
  int fd_ = -1;
  std::string path_;
  uint64_t next_row_ = 0;  // the row of buffer_'s first record
  std::string buffer_;
};

// Reads places by row number.
class RowIndex {
 public:
  // `rows`: how many rows the input has (a row beyond is an error, never a read).
  static Result<RowIndex> open(const std::string& path, uint64_t rows, std::string input_name);
  RowIndex() = default;

  Result<RowPlace> at(uint64_t row) const;
  // Queues the read of `row`'s record into `dst` (kRowPlaceBytes) on `reader`.
  Status queue(BatchReader& reader, uint64_t row, char* dst) const;

 private:
  Status check(uint64_t row) const;
  InputFile file_;
  uint64_t rows_ = 0;
  std::string input_name_;
};

}  // namespace crmerge::merge
