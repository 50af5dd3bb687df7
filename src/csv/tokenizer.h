// The CSV grammar, on bytes in memory: finds where one record ends and where
// its fields are. The reader (csv/reader.h) feeds it from a file; the sniffer
// runs it on a sample. It agrees with DuckDB's read_csv (strict mode, quote
// and escape '"') on every file DuckDB accepts -- tests/unit/csv/differential_test
// holds it to that:
//   - records end at "\n", "\r\n" or a lone "\r"; an empty line is not a record;
//   - a field that starts with the quote is quoted: "" inside is one quote, and
//     delimiters and line breaks inside are data; spaces may follow the closing quote;
//   - spaces before an opening quote are skipped, except in a record's first field;
//   - a quote inside an unquoted field is an ordinary character.
// Anything else after a closing quote, or a quote never closed, makes the record
// malformed; scanning goes on so that the next record is still found.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "csv/dialect.h"

namespace crmerge::csv {

struct FieldSpan {
  uint32_t begin = 0;  // offsets into the record text: the raw bytes of the field,
  uint32_t end = 0;    // without the surrounding quotes when quoted
  bool quoted = false;
  bool escapes = false;  // contains "" that must be unescaped
  // The field's whole extent between its delimiters (quotes and spaces around
  // them included): replacing [raw_begin, raw_end) replaces the field.
  uint32_t raw_begin = 0;
  uint32_t raw_end = 0;
};

enum class RecordProblem : uint8_t {
  kNone,
  kUnclosedQuote,    // a quoted field runs to the end of the file
  kTextAfterQuote,   // something other than a delimiter or line end follows a closing quote
  kFieldCount,       // not as many fields as the header (set by the reader)
};

const char* record_problem_text(RecordProblem p);

struct ParsedRecord {
  enum class State { kComplete, kNeedMore };
  State state = State::kNeedMore;
  size_t text_length = 0;  // bytes of the record without its line ending
  size_t eol_length = 0;   // 0, 1 or 2
  bool blank = false;      // an empty line
  bool line_breaks = false; // the record's text holds line breaks (inside quotes: nowhere else)
  RecordProblem problem = RecordProblem::kNone;
};

// Parses the record at the start of `data`. With `at_eof` false, a record that
// might continue past `data` yields kNeedMore. Field spans go to `fields`
// (cleared first).
ParsedRecord parse_record(std::string_view data, bool at_eof, const Dialect& d, std::vector<FieldSpan>& fields);

// The value of a field: the raw span, or for a quoted field with "" escapes,
// the unescaped text in `scratch`.
std::string_view field_value(std::string_view record_text, const FieldSpan& f, char quote, std::string& scratch);

// Line breaks ("\n", "\r\n", lone "\r") inside `text`.
uint64_t count_line_breaks(std::string_view text);

}  // namespace crmerge::csv
