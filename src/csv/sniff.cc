#include "csv/sniff.h"

#include <map>
#include <vector>

#include "csv/tokenizer.h"

namespace crmerge::csv {

namespace {

constexpr char kCandidates[] = {',', ';', '\t', '|'};
constexpr size_t kMaxRecords = 1000;
constexpr size_t kMaxHeaderSearch = 50;

struct SampleRecord {
  uint64_t offset;
  uint64_t line;
  size_t fields;
  bool all_quoted;
  std::string newline;
};

std::vector<SampleRecord> scan_sample(std::string_view sample, bool whole, char delim) {
  Dialect d;
  d.delimiter = delim;
  std::vector<SampleRecord> out;
  std::vector<FieldSpan> fields;
  size_t pos = 0;
  uint64_t line = 1;
  while (pos < sample.size() && out.size() < kMaxRecords) {
    std::string_view rest = sample.substr(pos);
    ParsedRecord p = parse_record(rest, whole, d, fields);
    if (p.state == ParsedRecord::State::kNeedMore) break;
    if (!p.blank) {
      bool all_quoted = !fields.empty();
      for (const auto& f : fields) all_quoted = all_quoted && f.quoted;
      out.push_back({pos, line, fields.size(), all_quoted, std::string(rest.substr(p.text_length, p.eol_length))});
    }
    if (p.line_breaks) line += count_line_breaks(rest.substr(0, p.text_length));
    if (p.eol_length) ++line;
    pos += p.text_length + p.eol_length;
    if (p.text_length + p.eol_length == 0) break;
  }
  return out;
}

struct Candidate {
  char delim = ',';
  size_t width = 1;     // the modal number of fields
  size_t score = 0;     // records of that width, from the header on
  size_t header = 0;    // index of the header record
};

Candidate evaluate(const std::vector<SampleRecord>& recs, char delim) {
  Candidate c;
  c.delim = delim;
  if (recs.empty()) return c;
  std::map<size_t, size_t> counts;
  for (const auto& r : recs) ++counts[r.fields];
  for (const auto& [width, n] : counts)
    if (n > counts[c.width] || (n == counts[c.width] && width > c.width)) c.width = width;
  // The header is the first record of the modal width, provided every record
  // above it is clearly not a header (at most half as wide): a header that is
  // one field short of its rows is a malformed file, not a preamble.
  for (size_t i = 0; i < recs.size() && i < kMaxHeaderSearch; ++i) {
    if (recs[i].fields == c.width) {
      c.header = i;
      break;
    }
    if (recs[i].fields * 2 > c.width) {
      c.header = 0;
      break;
    }
  }
  for (size_t i = c.header; i < recs.size(); ++i) c.score += recs[i].fields == c.width;
  if (c.width < 2) c.score = 0;
  return c;
}

}  // namespace

Result<SniffResult> sniff_dialect(std::string_view sample, bool whole, uint64_t sample_offset) {
  Candidate best;
  std::vector<SampleRecord> best_recs;
  bool first = true;
  for (char delim : kCandidates) {
    auto recs = scan_sample(sample, whole, delim);
    Candidate c = evaluate(recs, delim);
    if (first || c.score > best.score) {
      best = c;
      best_recs = std::move(recs);
      first = false;
    }
  }
  if (best_recs.empty()) return Status::invalid_input("the file is empty: it has no header line");
  if (best.score == 0) best.header = 0;  // one column: no delimiter to find, nothing to skip
  const SampleRecord& h = best_recs[best.header];
  SniffResult r;
  r.dialect.delimiter = best.delim;
  r.dialect.quote_all = h.all_quoted;
  r.dialect.newline = h.newline.empty() ? "\n" : h.newline;
  r.dialect.header_offset = sample_offset + h.offset;
  r.dialect.header_line = h.line;
  r.header_fields = h.fields;
  r.lines_above_header = h.line - 1;
  return r;
}

}  // namespace crmerge::csv
