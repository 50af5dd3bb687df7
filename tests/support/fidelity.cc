#include "support/fidelity.h"

#include "base/files.h"
#include "csv/encoding.h"
#include "csv/reader.h"
#include "csv/sniff.h"

namespace crmerge::test {

std::string check_fidelity(const std::string& crm_path, const std::string& out_path, long appended, bool fill) {
  auto head = read_small_file(crm_path, size_t(1) << 30);
  if (!head.is_ok()) return head.status().message();
  auto guess = csv::guess_encoding(*head);
  if (guess.encoding != csv::Encoding::kUtf8) return "check_fidelity handles UTF-8 CRM files only";
  std::string_view body(*head);
  body.remove_prefix(guess.bom_length);
  auto sniffed = csv::sniff_dialect(body, true, guess.bom_length);
  if (!sniffed.is_ok()) return sniffed.status().message();
  csv::Dialect d = sniffed->dialect;

  auto out_bytes = read_small_file(out_path, size_t(1) << 30);
  if (!out_bytes.is_ok()) return out_bytes.status().message();
  bool out_bom = out_bytes->rfind("\xEF\xBB\xBF", 0) == 0;
  if (out_bom != (guess.bom_length > 0)) return "the output's BOM differs from the CRM's";

  csv::ReaderOptions in_opts;
  in_opts.start_offset = d.header_offset;
  in_opts.start_line = d.header_line;
  auto in = csv::RecordReader::open(crm_path, d, in_opts);
  csv::ReaderOptions out_opts;
  out_opts.start_offset = out_bom ? 3 : 0;
  auto out = csv::RecordReader::open(out_path, d, out_opts);
  if (!in.is_ok() || !out.is_ok()) return "cannot open the files";
  csv::Record a, b;
  size_t header_fields = 0;
  size_t appended_fields = 0;
  std::string sa, sb;
  for (uint64_t n = 0;; ++n) {
    auto more_in = in->next(a);
    auto more_out = out->next(b);
    if (!more_in.is_ok() || !more_out.is_ok()) return "read error";
    if (!*more_in && !*more_out) return "";
    std::string where = "record " + std::to_string(n) + " (CRM line " + std::to_string(a.line) + ")";
    if (*more_in != *more_out) return *more_in ? where + ": missing from the output" : "the output has extra records";
    if (n == 0) {
      header_fields = a.field_count();
      if (b.field_count() < header_fields) return "the output's header lost CRM columns";
      appended_fields = appended >= 0 ? static_cast<size_t>(appended) : b.field_count() - header_fields;
    }
    if (a.blank != b.blank) return where + ": blank line not passed through";
    if (a.eol != b.eol) return where + ": line ending changed";
    bool malformed = a.problem != csv::RecordProblem::kNone || a.field_count() != header_fields;
    if (fill && n > 0 && !a.blank && !malformed) {
      // Field by field: a non-empty CRM cell keeps its exact bytes; an empty one may be filled.
      if (b.problem != csv::RecordProblem::kNone || b.field_count() != a.field_count() + appended_fields)
        return where + ": the output record does not have the CRM's fields plus the appended ones";
      for (size_t i = 0; i < a.field_count(); ++i) {
        std::string_view raw_a = a.text.substr(a.fields[i].raw_begin, a.fields[i].raw_end - a.fields[i].raw_begin);
        std::string_view raw_b = b.text.substr(b.fields[i].raw_begin, b.fields[i].raw_end - b.fields[i].raw_begin);
        if (a.field(i, '"', sa).empty()) continue;
        if (raw_a != raw_b) return where + ": a non-empty CRM cell changed (column " + std::to_string(i) + ")";
      }
      continue;
    }
    if (b.text.substr(0, a.text.size()) != a.text) return where + ": CRM bytes changed";
    if (a.blank || malformed) {
      if (b.text != a.text) return where + ": a blank or malformed record was changed";
      continue;
    }
    if (b.problem != csv::RecordProblem::kNone) return where + ": the output record is malformed";
    if (b.field_count() != a.field_count() + appended_fields)
      return where + ": expected " + std::to_string(a.field_count() + appended_fields) + " fields, found " +
             std::to_string(b.field_count());
    if (appended_fields > 0 && (b.text.size() <= a.text.size() || b.text[a.text.size()] != d.delimiter))
      return where + ": appended fields do not start with the delimiter";
  }
}

}  // namespace crmerge::test
