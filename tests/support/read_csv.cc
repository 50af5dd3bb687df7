#include "support/read_csv.h"

#include "base/files.h"
#include "csv/encoding.h"
#include "csv/reader.h"
#include "csv/sniff.h"

namespace crmerge::test {

Result<ParsedCsv> read_csv_file(const std::string& path) {
  CRM_ASSIGN_OR_RETURN(std::string bytes, read_small_file(path, size_t(1) << 30));
  auto guess = csv::guess_encoding(bytes);
  if (guess.encoding != csv::Encoding::kUtf8) return Status::invalid_input("read_csv_file: UTF-8 only");
  std::string_view body(bytes);
  body.remove_prefix(guess.bom_length);
  CRM_ASSIGN_OR_RETURN(auto sniffed, csv::sniff_dialect(body, true, guess.bom_length));
  ParsedCsv out;
  out.dialect = sniffed.dialect;
  csv::ReaderOptions ro;
  ro.start_offset = out.dialect.header_offset;
  ro.start_line = out.dialect.header_line;
  CRM_ASSIGN_OR_RETURN(auto reader, csv::RecordReader::open(path, out.dialect, ro));
  csv::Record rec;
  std::string scratch;
  bool header = true;
  for (;;) {
    CRM_ASSIGN_OR_RETURN(bool more, reader.next(rec));
    if (!more) break;
    if (rec.blank) continue;
    if (rec.problem != csv::RecordProblem::kNone)
      return Status::invalid_input(path + " line " + std::to_string(rec.line) + ": " +
                                   csv::record_problem_text(rec.problem));
    std::vector<std::string> values;
    for (size_t i = 0; i < rec.field_count(); ++i) values.emplace_back(rec.field(i, '"', scratch));
    if (header) {
      out.header = std::move(values);
      header = false;
      continue;
    }
    out.rows.push_back(std::move(values));
    out.offsets.push_back(rec.offset);
    out.raw.emplace_back(rec.text);
  }
  return out;
}

}  // namespace crmerge::test
