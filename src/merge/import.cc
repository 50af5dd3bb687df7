// The import phase. No copy of the data is made (DESIGN.md, "Why no copy"),
// except a UTF-8 copy of an input in another encoding.
#include <algorithm>

#include "base/fault.h"
#include "base/files.h"
#include "base/hash.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "csv/encoding.h"
#include "csv/reader.h"
#include "csv/sniff.h"
#include "duck/appender.h"
#include "duck/prepared.h"
#include "merge/input_meta.h"
#include "merge/parallel.h"
#include "merge/phases.h"
#include "merge/sql_files.h"

namespace crmerge::merge {

namespace {

constexpr size_t kSniffBytes = 1 << 20;
constexpr size_t kMalformedKept = 1000;  // per input, in input_malformed; all are counted
constexpr size_t kMalformedShown = 5;    // in an error message
// Rows between two marks (input_marks), unless the options say: the export's
// pieces, whose output waits in memory for its turn (merge/ordered_output.h).
constexpr uint64_t kMarkEvery = 1 << 14;


struct Malformed {
  uint64_t row;
  uint64_t line;
  std::string problem;
};

struct Mark {
  uint64_t row, offset, line;
};

struct ScanResult {
  std::vector<Mark> marks;  // where every kMarkEvery-th row starts (passes cut inputs there: merge/row_ranges.h)
  uint64_t rows = 0;
  uint64_t blank = 0;
  uint64_t malformed = 0;
  std::vector<Malformed> malformed_kept;
  uint64_t invalid_utf8 = 0;
  uint64_t first_invalid_utf8_line = 0;
  bool saw_utf8_multibyte = false;
};

Result<std::string> read_range(const std::string& path, uint64_t offset, size_t max) {
  CRM_ASSIGN_OR_RETURN(InputFile f, InputFile::open(path));
  if (offset >= f.size()) return std::string();
  std::string out(std::min<uint64_t>(max, f.size() - offset), '\0');
  CRM_RETURN_IF_ERROR(f.read_at(offset, out.data(), out.size()));
  return out;
}

bool has_non_ascii(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

void check_text(std::string_view text, uint64_t line, ScanResult& r) {
  if (!r.saw_utf8_multibyte || r.invalid_utf8 == 0) {
    if (valid_utf8_prefix(text) != text.size()) {
      if (r.invalid_utf8++ == 0) r.first_invalid_utf8_line = line;
    } else if (!r.saw_utf8_multibyte && has_non_ascii(text)) {
      r.saw_utf8_multibyte = true;
    }
  } else if (valid_utf8_prefix(text) != text.size()) {
    ++r.invalid_utf8;
  }
}

std::string problem_text(const csv::Record& rec, size_t expected) {
  if (rec.problem == csv::RecordProblem::kFieldCount)
    return "expected " + std::to_string(expected) + " fields, found " + std::to_string(rec.field_count());
  return csv::record_problem_text(rec.problem);
}

struct Layout {
  std::string scan_path;
  csv::Encoding encoding = csv::Encoding::kUtf8;
  bool bom = false;
  size_t skip = 0;  // bytes of BOM at the start of scan_path
};

// Reads the header and scans every record once. Fills `meta` and `scan`.
Status scan_input(Job& job, const Layout& layout, ContentHasher* hasher, SharedProgress& progress, InputMeta& meta,
                  ScanResult& scan) {
  CRM_ASSIGN_OR_RETURN(auto info, stat_path(layout.scan_path));
  CRM_ASSIGN_OR_RETURN(std::string sample, read_range(layout.scan_path, layout.skip, kSniffBytes));
  bool whole = layout.skip + sample.size() >= info.size;
  auto sniffed = csv::sniff_dialect(sample, whole, layout.skip);
  if (!sniffed.is_ok()) return sniffed.status().with_context(meta.display_name());
  meta.dialect = sniffed->dialect;
  meta.dialect.encoding = layout.encoding;
  meta.dialect.bom = layout.bom;
  meta.scan_path = layout.scan_path;
  meta.bytes = info.size;

  if (hasher) {  // the reader hashes from the header on; the BOM and lines above it first
    CRM_ASSIGN_OR_RETURN(std::string prefix, read_range(layout.scan_path, 0, meta.dialect.header_offset));
    hasher->update(prefix);
  }

  csv::ReaderOptions ro;
  ro.start_offset = meta.dialect.header_offset;
  ro.start_line = meta.dialect.header_line;
  ro.hasher = hasher;
  CRM_ASSIGN_OR_RETURN(csv::RecordReader reader, csv::RecordReader::open(layout.scan_path, meta.dialect, ro));
  csv::Record rec;
  std::string scratch;
  CRM_ASSIGN_OR_RETURN(bool got_header, reader.next(rec));
  if (!got_header || rec.blank) return Status::invalid_input(meta.display_name() + ": the file has no header line");
  if (rec.problem != csv::RecordProblem::kNone)
    return Status::invalid_input(meta.display_name() + " line " + std::to_string(rec.line) +
                                 ": the header line is malformed: " + csv::record_problem_text(rec.problem));
  check_text(rec.text, rec.line, scan);
  meta.columns.clear();
  for (size_t i = 0; i < rec.field_count(); ++i) meta.columns.emplace_back(rec.field(i, meta.dialect.quote, scratch));
  meta.data_offset = reader.position();
  meta.data_line = reader.line();

  // The header's field count is the rule for every record (invariant 1).
  const size_t expected = meta.columns.size();
  uint64_t reported = 0;  // bytes passed on to `progress`
  RowFault fault("import", job.cancel());
  const uint64_t mark_every = job.options().mark_every_rows > 0 ? job.options().mark_every_rows : kMarkEvery;
  for (;;) {
    CRM_ASSIGN_OR_RETURN(bool more, reader.next(rec));
    if (!more) break;
    if (rec.blank) {
      ++scan.blank;
      continue;
    }
    uint64_t row = scan.rows++;
    fault.at(scan.rows);
    if (row > 0 && row % mark_every == 0) scan.marks.push_back({row, rec.offset, rec.line});
    if (rec.problem == csv::RecordProblem::kNone && rec.field_count() != expected)
      rec.problem = csv::RecordProblem::kFieldCount;
    if (rec.problem != csv::RecordProblem::kNone) {
      if (scan.malformed++ < kMalformedKept) scan.malformed_kept.push_back({row, rec.line, problem_text(rec, expected)});
    }
    check_text(rec.text, rec.line, scan);
    if ((scan.rows & 4095) == 0) {
      CRM_RETURN_IF_ERROR(job.cancel().check());
      progress.add(reader.position() - reported, 4096);
      reported = reader.position();
    }
  }
  progress.add(reader.position() - reported, scan.rows & 4095);
  meta.rows = scan.rows;
  meta.blank_lines = scan.blank;
  meta.malformed = scan.malformed;
  return Status::ok();
}

std::string malformed_list(const ScanResult& scan) {
  std::string list;
  for (size_t i = 0; i < scan.malformed_kept.size() && i < kMalformedShown; ++i) {
    if (i) list += "; ";
    list += "line " + std::to_string(scan.malformed_kept[i].line) + ": " + scan.malformed_kept[i].problem;
  }
  if (scan.malformed > kMalformedShown) list += "; ...";
  return list;
}

Status store_malformed(Job& job, int src, const ScanResult& scan) {
  if (scan.malformed_kept.empty()) return Status::ok();
  CRM_ASSIGN_OR_RETURN(auto app, duck::Appender::open(job.conn(), "input_malformed"));
  for (const auto& m : scan.malformed_kept) {
    CRM_RETURN_IF_ERROR(app.append(static_cast<int32_t>(src)));
    CRM_RETURN_IF_ERROR(app.append(m.row));
    CRM_RETURN_IF_ERROR(app.append(m.line));
    CRM_RETURN_IF_ERROR(app.append(std::string_view(m.problem)));
    CRM_RETURN_IF_ERROR(app.end_row());
  }
  return app.close();
}

Status store_marks(Job& job, int src, const ScanResult& scan) {
  if (scan.marks.empty()) return Status::ok();
  CRM_ASSIGN_OR_RETURN(auto app, duck::Appender::open(job.conn(), "input_marks"));
  for (const auto& m : scan.marks) {
    CRM_RETURN_IF_ERROR(app.append(static_cast<int32_t>(src)));
    CRM_RETURN_IF_ERROR(app.append(m.row));
    CRM_RETURN_IF_ERROR(app.append(m.offset));
    CRM_RETURN_IF_ERROR(app.append(m.line));
    CRM_RETURN_IF_ERROR(app.end_row());
  }
  return app.close();
}

Status store_hash(Job& job, int src, const std::string& hash) {
  CRM_ASSIGN_OR_RETURN(auto stmt, job.conn().prepare("UPDATE job_inputs SET content_hash = $2 WHERE src = $1"));
  CRM_RETURN_IF_ERROR(stmt.bind(1, src));
  CRM_RETURN_IF_ERROR(stmt.bind(2, hash));
  return stmt.run();
}

// What reading one input found, before any of it is stored.
struct Imported {
  InputMeta meta;
  ScanResult scan;
  std::string hash;
  std::vector<std::string> notes;
};

// Reads one input (no DuckDB: safe on a thread of its own).
Status scan_one(Job& job, const InputSpec& in, SharedProgress& progress, Imported& out) {
  InputMeta& meta = out.meta;
  meta.src = in.src;
  meta.label = in.label;
  meta.display = in.display;
  CRM_ASSIGN_OR_RETURN(std::string head, read_range(in.path, 0, 4096));
  if (head.empty()) return Status::invalid_input(meta.display_name() + ": the file is empty (no header line)");
  csv::EncodingGuess guess = csv::guess_encoding(head);

  Layout layout{in.path, guess.encoding, guess.bom_length > 0, guess.bom_length};
  ContentHasher hasher;
  ContentHasher* scan_hasher = &hasher;
  const std::string decoded = job.folder().decoded_dir() + "/input-" + std::to_string(in.src) + ".csv";
  auto transcode = [&](csv::Encoding from, size_t skip, ContentHasher* h) -> Status {
    CRM_RETURN_IF_ERROR(make_directories(job.folder().decoded_dir()));
    uint64_t reported = 0;
    Status s = csv::transcode_to_utf8(in.path, skip, from, decoded, h, &job.cancel(), [&](uint64_t done) {
      progress.add(done - reported, 0);
      reported = done;
    });
    if (!s.is_ok()) return s.with_context(meta.display_name());
    layout.scan_path = decoded;
    layout.encoding = from;
    layout.skip = 0;
    return Status::ok();
  };
  if (guess.encoding != csv::Encoding::kUtf8) {
    CRM_RETURN_IF_ERROR(transcode(guess.encoding, guess.bom_length, &hasher));
    scan_hasher = nullptr;
  }

  ScanResult& scan = out.scan;
  CRM_RETURN_IF_ERROR(scan_input(job, layout, scan_hasher, progress, meta, scan));
  if (scan.invalid_utf8 > 0) {
    if (scan.saw_utf8_multibyte || layout.bom)
      return Status::invalid_input(meta.display_name() + " line " + std::to_string(scan.first_invalid_utf8_line) +
                                   ": invalid UTF-8 (" + format_count(scan.invalid_utf8) +
                                   " lines), in a file that is otherwise UTF-8; re-export it as UTF-8");
    // No UTF-8 anywhere but bytes that are not UTF-8: the file is Windows-1252 / Latin-1.
    CRM_RETURN_IF_ERROR(transcode(csv::Encoding::kWindows1252, 0, nullptr));
    scan = ScanResult();
    CRM_RETURN_IF_ERROR(scan_input(job, layout, nullptr, progress, meta, scan));
  }

  if (scan.malformed > 0) {
    // One line reads as "<file> line N: <problem>"; several are listed after a count.
    std::string what = scan.malformed == 1
                           ? " line " + std::to_string(scan.malformed_kept[0].line) + ": " + scan.malformed_kept[0].problem
                           : ": " + format_count(scan.malformed) + " malformed lines (" + malformed_list(scan) + ")";
    if (in.src == 0 && job.options().on_malformed == OnMalformed::kFail)
      return Status::invalid_input(meta.display_name() + what + ". Fix " + (scan.malformed == 1 ? "it" : "them") +
                                   ", or pass --on-malformed=pass to copy malformed lines through unchanged");
    out.notes.push_back(meta.display_name() + what + (in.src == 0 ? ": copied through unchanged" : ": skipped"));
  }
  if (meta.lines_above_header() > 0)
    out.notes.push_back(meta.display_name() + ": skipped " + std::to_string(meta.lines_above_header()) +
                        " line(s) above the header");
  out.hash = hasher.hex_digest();
  return Status::ok();
}

Status store_one(Job& job, const Imported& in) {
  for (const auto& n : in.notes) job.progress().note(n);
  CRM_RETURN_IF_ERROR(store_input_meta(job, in.meta));
  CRM_RETURN_IF_ERROR(store_malformed(job, in.meta.src, in.scan));
  CRM_RETURN_IF_ERROR(store_marks(job, in.meta.src, in.scan));
  return store_hash(job, in.meta.src, in.hash);
}

}  // namespace

Status import_inputs(Job& job) {
  CRM_RETURN_IF_ERROR(job.sql(sql::clear_import));
  uint64_t total = 0;
  for (const auto& in : job.inputs()) {
    CRM_ASSIGN_OR_RETURN(auto info, stat_path(in.path));
    total += info.size;
  }
  job.progress().begin("import", total, ProgressUnit::kBytes);
  // Each input is read on a core of its own, the largest first; what they found
  // is stored afterwards, in input order, on the job's one connection.
  const auto& inputs = job.inputs();
  std::vector<uint64_t> sizes;
  for (const auto& in : inputs) {
    CRM_ASSIGN_OR_RETURN(auto info, stat_path(in.path));
    sizes.push_back(info.size);
  }
  std::vector<size_t> order(inputs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return sizes[a] > sizes[b]; });
  std::vector<Imported> found(inputs.size());
  SharedProgress progress(job);
  CRM_RETURN_IF_ERROR(run_parallel(order, pass_workers(job), [&](size_t i) {
    return scan_one(job, inputs[i], progress, found[i]);
  }));
  for (const auto& f : found) CRM_RETURN_IF_ERROR(store_one(job, f));
  return Status::ok();
}

}  // namespace crmerge::merge
