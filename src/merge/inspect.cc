#include "merge/inspect.h"

#include "base/files.h"
#include "csv/encoding.h"
#include "csv/sniff.h"
#include "csv/tokenizer.h"

namespace crmerge::merge {

namespace {
constexpr size_t kHeadBytes = 8 << 20;
constexpr size_t kShownSamples = 3;
constexpr size_t kProfileValues = 300;
}  // namespace

Result<FileProfile> inspect_file(const std::string& path, size_t sample_rows) {
  CRM_ASSIGN_OR_RETURN(InputFile f, InputFile::open(path));
  std::string head(std::min<uint64_t>(f.size(), kHeadBytes), '\0');
  if (!head.empty()) CRM_RETURN_IF_ERROR(f.read_at(0, head.data(), head.size()));
  if (head.empty()) return Status::invalid_input(path + ": the file is empty (no header line)");
  bool whole = head.size() == f.size();
  csv::EncodingGuess guess = csv::guess_encoding(head);
  std::string_view body(head);
  body.remove_prefix(guess.bom_length);
  std::string text = csv::decode_sample(body, guess.encoding);
  if (guess.encoding == csv::Encoding::kUtf8 && text.size() < body.size() && whole) {
    // Not UTF-8 at all: as the import would, read it as Windows-1252.
    guess.encoding = csv::Encoding::kWindows1252;
    text = csv::decode_sample(body, guess.encoding);
  }
  auto sniffed = csv::sniff_dialect(text, whole, 0);
  if (!sniffed.is_ok()) return sniffed.status().with_context(path);
  FileProfile p;
  p.path = path;
  p.dialect = sniffed->dialect;
  p.dialect.encoding = guess.encoding;
  p.dialect.bom = guess.bom_length > 0;
  p.lines_above_header = sniffed->lines_above_header;

  std::string_view rest = std::string_view(text).substr(p.dialect.header_offset);
  std::vector<csv::FieldSpan> spans;
  std::string scratch;
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> values;
  bool header = true;
  while (!rest.empty() && p.rows_sampled < sample_rows) {
    csv::ParsedRecord r = csv::parse_record(rest, whole, p.dialect, spans);
    if (r.state == csv::ParsedRecord::State::kNeedMore) break;
    std::string_view rec = rest.substr(0, r.text_length);
    rest.remove_prefix(r.text_length + r.eol_length);
    if (r.blank) continue;
    if (header) {
      for (const auto& s : spans) headers.emplace_back(csv::field_value(rec, s, p.dialect.quote, scratch));
      values.resize(headers.size());
      header = false;
      continue;
    }
    if (r.problem != csv::RecordProblem::kNone || spans.size() != headers.size()) continue;
    ++p.rows_sampled;
    for (size_t c = 0; c < spans.size(); ++c) {
      std::string_view v = csv::field_value(rec, spans[c], p.dialect.quote, scratch);
      if (!v.empty() && values[c].size() < kProfileValues) values[c].emplace_back(v);
    }
  }
  auto roles = schema::detect_roles(headers, values);
  for (size_t c = 0; c < headers.size(); ++c) {
    ColumnProfile col{headers[c], roles[c], {}};
    for (size_t i = 0; i < values[c].size() && col.samples.size() < kShownSamples; ++i) col.samples.push_back(values[c][i]);
    p.columns.push_back(std::move(col));
  }
  return p;
}

}  // namespace crmerge::merge
