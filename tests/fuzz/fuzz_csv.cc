// fuzz_csv: the CSV tokenizer (csv/tokenizer.h) and the dialect sniffer
// (csv/sniff.h) on arbitrary bytes. The first byte picks the delimiter and
// where the data is cut for the incremental reading; the rest is the data.
//
// Checked for every record of the data:
//   - a record ends within the data, after a line ending of "\n", "\r\n" or
//     "\r" (or at the end of the data), and a non-empty rest always advances;
//   - its fields' raw extents tile the record's text exactly, a delimiter
//     between each two: joined again, they give the text byte for byte, so
//     every field's bytes come from the input;
//   - a quoted field's value lies inside its extent, between its quotes (the
//     closing one missing only when the record says the quote is unclosed),
//     and its unescaped value is the raw span with each "" made one quote;
//   - line_breaks says whether the text holds a line break;
//   - read with at_eof = false from a prefix of the data (as the file reader
//     does at the end of its buffer: one prefix the input picks, and those
//     ending around the record's end), a record either asks for more data or
//     is exactly the record read from the whole data: records never depend
//     on where a read stops;
//   - no read past the end of the data (a heap copy of exactly its size, so
//     ASan sees any).
// The sniffer returns a dialect or an error for any sample, whole or cut,
// and the header it finds is a record of the sample with that many fields.
// The writer (csv/writer.h): the data's NUL-separated parts, appended as new
// fields to a record, read back as the same values, quoted or not.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "csv/sniff.h"
#include "csv/tokenizer.h"
#include "csv/writer.h"
#include "fuzz_check.h"

namespace crmerge::fuzz {
namespace {

using csv::FieldSpan;
using csv::ParsedRecord;

bool same_fields(const std::vector<FieldSpan>& a, const std::vector<FieldSpan>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].begin != b[i].begin || a[i].end != b[i].end || a[i].quoted != b[i].quoted ||
        a[i].escapes != b[i].escapes || a[i].raw_begin != b[i].raw_begin || a[i].raw_end != b[i].raw_end)
      return false;
  return true;
}

// The raw span with each doubled quote made one.
std::string unescaped(std::string_view raw, char quote) {
  std::string out;
  for (size_t i = 0; i < raw.size(); ++i) {
    out += raw[i];
    if (raw[i] == quote && i + 1 < raw.size() && raw[i + 1] == quote) ++i;
  }
  return out;
}

void check_record(std::string_view rest, const ParsedRecord& r, const std::vector<FieldSpan>& fields,
                  const csv::Dialect& d) {
  FUZZ_CHECK(r.state == ParsedRecord::State::kComplete, "a record at the end of the data asks for more");
  FUZZ_CHECK(r.text_length + r.eol_length <= rest.size(), "the record runs past the end of the data");
  FUZZ_CHECK(rest.empty() || r.text_length + r.eol_length > 0, "no progress on a non-empty rest");
  const std::string_view text = rest.substr(0, r.text_length);
  const std::string_view eol = rest.substr(r.text_length, r.eol_length);
  FUZZ_CHECK(eol.empty() || eol == "\n" || eol == "\r" || eol == "\r\n", "not a line ending");
  FUZZ_CHECK(!eol.empty() || r.text_length == rest.size(), "a record ends before the data with no line ending");
  FUZZ_CHECK(!(eol == "\r" && rest.substr(r.text_length, 2) == "\r\n"), "a \\r\\n read as a lone \\r");
  if (r.blank) {
    FUZZ_CHECK(text.empty() && fields.empty(), "a blank line with text or fields");
    return;
  }
  FUZZ_CHECK(!text.empty() && !fields.empty(), "a record with no text or no fields");
  const bool holds_break = text.find_first_of("\r\n") != std::string_view::npos;
  FUZZ_CHECK(holds_break == r.line_breaks, "line_breaks disagrees with the text");
  std::string joined, scratch;
  for (size_t i = 0; i < fields.size(); ++i) {
    const FieldSpan& f = fields[i];
    FUZZ_CHECK(f.raw_begin <= f.begin && f.begin <= f.end && f.end <= f.raw_end && f.raw_end <= text.size(),
               "field " + std::to_string(i) + "'s spans are out of order or past the text");
    if (i > 0) {
      FUZZ_CHECK(f.raw_begin == fields[i - 1].raw_end + 1 && text[f.raw_begin - 1] == d.delimiter,
                 "fields " + std::to_string(i - 1) + " and " + std::to_string(i) + " are not one delimiter apart");
      joined += d.delimiter;
    }
    joined += text.substr(f.raw_begin, f.raw_end - f.raw_begin);
    const std::string_view raw = text.substr(f.begin, f.end - f.begin);
    const std::string_view value = csv::field_value(text, f, d.quote, scratch);
    if (f.quoted) {
      FUZZ_CHECK(f.begin > f.raw_begin && text[f.begin - 1] == d.quote, "a quoted field without its opening quote");
      const bool closed = f.end < text.size() && text[f.end] == d.quote;
      FUZZ_CHECK(closed || r.problem == csv::RecordProblem::kUnclosedQuote, "a quoted field without its closing quote");
      FUZZ_CHECK(value == unescaped(raw, d.quote), "a quoted field's value is not its unescaped text");
      FUZZ_CHECK(f.escapes || raw.find(std::string(2, d.quote)) == std::string_view::npos || !closed,
                 "a doubled quote in a field not marked as escaped");
    } else {
      FUZZ_CHECK(f.begin == f.raw_begin && f.end == f.raw_end && !f.escapes, "an unquoted field with a trimmed span");
      FUZZ_CHECK(value == raw, "an unquoted field's value is not its bytes");
      // A field that opens with a quote (after spaces, but for the first
      // field) and is read as unquoted is text after a closing quote: it keeps
      // its quoted part, delimiters and line breaks included, and the record
      // is malformed (the problem it reports may be a later field's).
      const size_t open = i == 0 ? 0 : std::min(raw.find_first_not_of(' '), raw.size());
      if (open < raw.size() && raw[open] == d.quote)
        FUZZ_CHECK(r.problem != csv::RecordProblem::kNone, "text after a closing quote in a record without a problem");
      else
        FUZZ_CHECK(raw.find(d.delimiter) == std::string_view::npos &&
                       raw.find_first_of("\r\n") == std::string_view::npos,
                   "an unquoted field holds a delimiter or a line break");
    }
  }
  FUZZ_CHECK(fields.front().raw_begin == 0 && fields.back().raw_end == text.size(),
             "the fields do not cover the record's text");
  FUZZ_CHECK(joined == text, "the fields joined again are not the record's text");
}

void tokenize(std::string_view data, const csv::Dialect& d, size_t cut) {
  std::vector<FieldSpan> fields, partial;
  size_t pos = 0;
  for (int records = 0; pos < data.size() && records < 4096; ++records) {
    const std::string_view rest = data.substr(pos);
    const ParsedRecord r = csv::parse_record(rest, true, d, fields);
    check_record(rest, r, fields, d);
    // The same record read from a prefix of the rest, as a buffer ends: one
    // prefix the input chooses, and those that end around the record's end.
    const size_t end = r.text_length + r.eol_length;
    for (size_t n : {cut % (rest.size() + 1), r.text_length, end - (end > 0), end, end + 1, end + 2}) {
      if (n > rest.size()) continue;
      const ParsedRecord p = csv::parse_record(rest.substr(0, n), false, d, partial);
      if (p.state == ParsedRecord::State::kComplete)
        FUZZ_CHECK(p.text_length == r.text_length && p.eol_length == r.eol_length && p.blank == r.blank &&
                       p.problem == r.problem && p.line_breaks == r.line_breaks && same_fields(partial, fields),
                   "a record read from the first " + std::to_string(n) + " bytes differs from the whole data's");
    }
    if (r.line_breaks) FUZZ_CHECK(csv::count_line_breaks(rest.substr(0, r.text_length)) > 0, "line breaks not counted");
    pos += r.text_length + r.eol_length;
    if (r.text_length + r.eol_length == 0) break;
  }
}

void sniff(std::string_view data, bool whole) {
  Result<csv::SniffResult> s = csv::sniff_dialect(data, whole, 7);
  if (!s.is_ok()) {
    FUZZ_CHECK(!s.status().message().empty(), "an error without a message");
    return;
  }
  const csv::Dialect& d = s->dialect;
  FUZZ_CHECK(std::string_view(",;\t|").find(d.delimiter) != std::string_view::npos, "not a candidate delimiter");
  FUZZ_CHECK(d.newline == "\n" || d.newline == "\r\n" || d.newline == "\r", "not a line ending");
  FUZZ_CHECK(d.header_offset >= 7 && d.header_offset - 7 < data.size(), "the header is outside the sample");
  FUZZ_CHECK(d.header_line >= 1 && s->lines_above_header == d.header_line - 1, "the header's line is inconsistent");
  std::vector<FieldSpan> fields;
  const ParsedRecord h = csv::parse_record(data.substr(d.header_offset - 7), whole, d, fields);
  FUZZ_CHECK(h.state == ParsedRecord::State::kComplete && !h.blank && fields.size() == s->header_fields,
             "the header is not a record of header_fields fields");
}

void write_and_read(std::string_view data, csv::Dialect d) {
  std::vector<std::string_view> values;
  for (size_t start = 0; values.size() < 16;) {
    size_t end = data.find('\0', start);
    values.push_back(data.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  std::vector<FieldSpan> fields;
  std::string scratch;
  for (bool quote_all : {false, true}) {
    d.quote_all = quote_all;
    std::string record = "crm";
    for (std::string_view v : values) {
      record += d.delimiter;
      csv::append_field(record, v, d);
    }
    record += "\r\n";
    const ParsedRecord r = csv::parse_record(record, true, d, fields);
    FUZZ_CHECK(r.state == ParsedRecord::State::kComplete && r.problem == csv::RecordProblem::kNone &&
                   r.text_length + 2 == record.size() && fields.size() == values.size() + 1,
               "written fields do not read back as one record of as many fields");
    for (size_t i = 0; i < values.size(); ++i)
      FUZZ_CHECK(csv::field_value(record, fields[i + 1], d.quote, scratch) == values[i],
                 "written field " + std::to_string(i) + " reads back as another value");
  }
}

}  // namespace
}  // namespace crmerge::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  if (size == 0) return 0;
  // The delimiters the sniffer chooses from (the only ones a file is read with).
  constexpr char kDelimiters[] = {',', ';', '\t', '|'};
  crmerge::csv::Dialect d;
  d.delimiter = kDelimiters[bytes[0] & 3];
  const size_t cut = bytes[0] >> 2;
  // A heap copy of exactly the data's size: a read past its end is an ASan error.
  const std::string data(reinterpret_cast<const char*>(bytes) + 1, size - 1);
  crmerge::fuzz::tokenize(data, d, cut);
  crmerge::fuzz::sniff(data, true);
  crmerge::fuzz::sniff(data, false);
  crmerge::fuzz::write_and_read(data, d);
  return 0;
}
