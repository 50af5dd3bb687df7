// The keys phase: one pass over each input, reading only its key and name
// columns, into sorted runs of keys (merge/key_runs.h), the row index
// (merge/row_index.h) and DuckDB tables, never into containers that grow with
// the input. E-mails, LinkedIn profiles and the phones the fast path reads
// (normalize/phone_fast.h: the common shapes, a few hundred ns each) are
// normalized here (merge/row_keys.h) and stored as their 128-bit hashes; the
// other phones go raw into keys_phones_raw and are normalized once per distinct
// value by SQL (sql/phones.sql), through libphonenumber. Of the names, only a
// hash is stored (merge/row_names.h).
#include <algorithm>
#include <atomic>
#include <memory>

#include "base/fault.h"
#include "base/files.h"
#include "base/hash.h"
#include "csv/reader.h"
#include "duck/appender.h"
#include "duck/result.h"
#include "merge/input_meta.h"
#include "merge/key_runs.h"
#include "merge/parallel.h"
#include "merge/phases.h"
#include "merge/roles_store.h"
#include "merge/row_index.h"
#include "merge/row_keys.h"
#include "merge/row_names.h"
#include "merge/row_ranges.h"
#include "merge/sql_files.h"
#include "normalize/phone.h"

namespace crmerge::merge {

namespace {

struct Sinks {
  std::unique_ptr<RunWriter<KeyRecord>> keys;  // the keys, as sorted runs (merge/key_runs.h)
  duck::Appender phones, phone_status;
};

// One piece of an input: a range of its rows, read by one worker.
struct Piece {
  size_t input = 0;
  uint64_t index = 0;  // among the input's pieces, in file order
  RowRange rows;
  uint64_t bytes = 0;
};

// Leftover phone cells are numbered in file order, uniquely in the job: the
// input, the piece, a count of such cells in the piece.
constexpr int kPieceBits = 16, kCellBits = 32;

// Records per run of keys, for each worker: the workers' buffers together are
// a quarter of the memory limit (options.h), 8192 records (256 KiB) for each
// megabyte of it: at 512MB, 64 MiB (2M keys) for each of 2 workers.
constexpr uint64_t kKeyRecordsPerMegabyte = 8192;

size_t key_run_records(const Job& job) {
  const MergeOptions& o = job.options();
  if (o.key_run_records > 0) return static_cast<size_t>(o.key_run_records);
  const uint64_t workers = static_cast<uint64_t>(std::max(1, pass_workers(job)));
  return static_cast<size_t>(std::max<uint64_t>(1024, memory_limit_megabytes(o) * kKeyRecordsPerMegabyte / workers));
}

// The phone keys libphonenumber read (sql/phones.sql wrote them to
// keys_phone_rows) join the others as runs of their own.
Status phone_key_runs(Job& job) {
  RunWriter<KeyRecord> runs(job.folder().keys_dir(), "phones", key_run_records(job));
  CRM_ASSIGN_OR_RETURN(duck::QueryResult q, job.conn().query("SELECT src, row, h1, h2, person FROM keys_phone_rows"));
  duck::DataChunk chunk;
  for (;;) {
    CRM_ASSIGN_OR_RETURN(bool more, q.next(chunk));
    if (!more) break;
    for (size_t i = 0; i < chunk.size(); ++i)
      CRM_RETURN_IF_ERROR(runs.add(KeyRecord::make(chunk.uint64(2, i), chunk.uint64(3, i), kPhoneKey,
                                                   static_cast<int32_t>(chunk.int64(0, i)), chunk.uint64(1, i),
                                                   chunk.uint64(4, i), false)));
  }
  return runs.close();
}

Status keys_of_piece(Job& job, const InputMeta& m, const Piece& piece, const KeyColumns& cols, SharedProgress& progress,
                     Sinks& out) {
  csv::ReaderOptions ro;
  ro.start_offset = piece.rows.start_offset;
  ro.start_line = piece.rows.start_line;
  ro.expected_fields = m.columns.size();
  CRM_ASSIGN_OR_RETURN(csv::RecordReader reader, csv::RecordReader::open(m.scan_path, m.dialect, ro));
  const char q = m.dialect.quote;
  csv::Record rec;
  RowNames names;
  RowKeyDeriver keys(cols, m.src > 0, normalize::EmailOptions{job.options().gmail_canonical}, job.options().region);
  uint64_t row = piece.rows.first_row;
  uint64_t reported = piece.rows.start_offset;  // bytes passed on to `progress`
  RowFault fault("keys", job.cancel());
  const uint64_t cell_ids = (static_cast<uint64_t>(m.src) << (kPieceBits + kCellBits)) | (piece.index << kCellBits);
  uint64_t leftover = 0;  // cells left to libphonenumber
  // Where each row is (merge/row_index.h): the match reads the names of the
  // pairs it compares back, the export the matched vendor rows, the audit and
  // the report the lines of rows.
  CRM_ASSIGN_OR_RETURN(RowIndexWriter places,
                       RowIndexWriter::open(row_index_path(job.folder(), m.src), piece.rows.first_row));
  for (;;) {
    CRM_ASSIGN_OR_RETURN(bool more, reader.next(rec));
    if (!more || rec.offset >= piece.rows.end_offset) break;
    if (rec.blank) continue;
    const uint64_t r = row++;
    fault.at(row);
    if (Status s = places.add(rec.offset, rec.text.size(), rec.line); !s.is_ok()) return s.with_context(m.display_name());
    if ((row & 4095) == 0) {
      CRM_RETURN_IF_ERROR(job.cancel().check());
      progress.add(reader.position() - reported, 4096);
      reported = reader.position();
    }
    if (rec.problem != csv::RecordProblem::kNone) continue;  // reported by import; never a key
    keys.derive(rec, q);
    // A hash of the row's names that tells people apart on weak keys (stored
    // with each key: 0 when the row has no name). The names themselves are not
    // stored: the match reads the few it compares again (merge/name_scorer.h).
    read_names(rec, cols, q, names);
    const uint64_t person = names.person;
    for (const LeftoverPhone& p : keys.leftovers()) {
      CRM_RETURN_IF_ERROR(out.phones.append(static_cast<int32_t>(m.src)));
      CRM_RETURN_IF_ERROR(out.phones.append(r));
      CRM_RETURN_IF_ERROR(out.phones.append(static_cast<int32_t>(p.col)));
      Hash128 rh = hash128(p.raw);
      CRM_RETURN_IF_ERROR(out.phones.append(std::string_view(p.raw)));
      CRM_RETURN_IF_ERROR(out.phones.append_bool(p.personal));
      CRM_RETURN_IF_ERROR(out.phones.append(rh.hi));
      CRM_RETURN_IF_ERROR(out.phones.append(rh.lo));
      if (leftover == (uint64_t{1} << kCellBits))
        return Status::internal("keys: more than 2^32 phone cells for libphonenumber in one piece of " + m.display_name());
      CRM_RETURN_IF_ERROR(out.phones.append(cell_ids | leftover++));
      CRM_RETURN_IF_ERROR(out.phones.append(person));
      CRM_RETURN_IF_ERROR(out.phones.end_row());
    }
    for (const RowKey& k : keys.keys()) {
      Hash128 h = hash128(k.value);
      CRM_RETURN_IF_ERROR(out.keys->add(KeyRecord::make(h.hi, h.lo, k.kind, m.src, r, person, k.role_mailbox)));
    }
  }
  progress.add(reader.position() - reported, (row - piece.rows.first_row) & 4095);
  CRM_RETURN_IF_ERROR(places.close());
  if (row != piece.rows.end_row)
    return Status::io_error(m.display_name() + " changed while the job ran (row count differs)");
  for (size_t st = 0; st < normalize::kPhoneStatuses; ++st) {
    const uint64_t cells = keys.phone_status()[st];  // cell parts the fast path read, by PhoneStatus
    if (cells == 0) continue;
    CRM_RETURN_IF_ERROR(out.phone_status.append(static_cast<int32_t>(m.src)));
    CRM_RETURN_IF_ERROR(out.phone_status.append(std::string_view(
        normalize::phone_status_name(static_cast<normalize::PhoneStatus>(st)))));
    CRM_RETURN_IF_ERROR(out.phone_status.append(cells));
    CRM_RETURN_IF_ERROR(out.phone_status.end_row());
  }
  return Status::ok();
}

// One worker: a connection and appenders of its own (DuckDB takes appends from
// several connections at once), for every piece it takes from `next`. (A
// connection per piece commits each piece apart, which cost as much as the
// balance gained.)
Status keys_worker(Job& job, size_t worker, const std::vector<InputMeta>& metas, const std::vector<KeyColumns>& cols,
                   const std::vector<Piece>& pieces, const std::vector<size_t>& order, std::atomic<size_t>& next,
                   SharedProgress& progress) {
  CRM_ASSIGN_OR_RETURN(duck::Connection conn, job.open_connection());
  Sinks out;
  out.keys = std::make_unique<RunWriter<KeyRecord>>(job.folder().keys_dir(), "keys-" + std::to_string(worker), key_run_records(job));
  CRM_ASSIGN_OR_RETURN(out.phones, duck::Appender::open(conn, "keys_phones_raw"));
  CRM_ASSIGN_OR_RETURN(out.phone_status, duck::Appender::open(conn, "keys_phone_status"));
  for (size_t k = next++; k < order.size(); k = next++) {
    const Piece& piece = pieces[order[k]];
    Status s = keys_of_piece(job, metas[piece.input], piece, cols[piece.input], progress, out);
    if (!s.is_ok()) {
      next = order.size();  // the other workers take no more pieces
      return s;
    }
  }
  CRM_RETURN_IF_ERROR(out.keys->close());
  for (duck::Appender* a : {&out.phones, &out.phone_status}) CRM_RETURN_IF_ERROR(a->close());
  return Status::ok();
}

}  // namespace

Status extract_keys(Job& job) {
  CRM_RETURN_IF_ERROR(job.sql(sql::clear_keys));
  CRM_RETURN_IF_ERROR(remove_all(job.folder().keys_dir()));
  CRM_RETURN_IF_ERROR(make_directories(job.folder().keys_dir()));
  CRM_RETURN_IF_ERROR(remove_all(job.folder().rows_dir()));
  CRM_RETURN_IF_ERROR(make_directories(job.folder().rows_dir()));
  CRM_ASSIGN_OR_RETURN(auto metas, load_input_meta(job));
  CRM_ASSIGN_OR_RETURN(auto roles, load_roles(job, metas.size()));
  for (const auto& m : metas) CRM_RETURN_IF_ERROR(create_row_index(row_index_path(job.folder(), m.src), m.rows));
  uint64_t total = 0;
  for (const auto& m : metas) total += m.bytes - m.data_offset;
  job.progress().begin("keys", total, ProgressUnit::kBytes);
  // Pieces in parallel, the largest first. Inputs differ in cost per byte (the
  // CRM has more keys in fewer columns), so each input is cut into pieces:
  // about 8 per worker in all, of at least one mark, for the workers to end
  // together (measured at 1M rows, 16 pieces against one per input: keys
  // -0.8 s of 13). (The tables' row order then varies from run to run; nothing
  // depends on it: every read that matters is ordered.)
  const int workers = pass_workers(job);
  uint64_t all_rows = 0;
  for (const auto& m : metas) all_rows += m.rows;
  const uint64_t piece_rows = std::max<uint64_t>(uint64_t{1} << 16, all_rows / (static_cast<uint64_t>(workers) * 8));
  std::vector<Piece> pieces;
  for (size_t i = 0; i < metas.size(); ++i) {
    const InputMeta& m = metas[i];
    size_t n = workers > 1 ? static_cast<size_t>((m.rows + piece_rows / 2) / piece_rows) : 1;
    n = std::clamp<size_t>(n, 1, size_t{1} << kPieceBits);
    CRM_ASSIGN_OR_RETURN(std::vector<RowRange> ranges, cut_into_ranges(job, m, n));
    for (size_t k = 0; k < ranges.size(); ++k) {
      const RowRange& r = ranges[k];
      const uint64_t end = std::min<uint64_t>(r.end_offset, m.bytes);
      pieces.push_back({i, k, r, end > r.start_offset ? end - r.start_offset : 0});
    }
  }
  std::vector<size_t> order(pieces.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return pieces[a].bytes > pieces[b].bytes; });
  std::vector<KeyColumns> cols;
  for (const auto& m : metas) cols.push_back(key_columns(roles[static_cast<size_t>(m.src)]));
  SharedProgress progress(job);
  std::atomic<size_t> next{0};
  std::vector<size_t> worker_ids(static_cast<size_t>(std::max(1, std::min<int>(workers, static_cast<int>(pieces.size())))));
  for (size_t w = 0; w < worker_ids.size(); ++w) worker_ids[w] = w;
  CRM_RETURN_IF_ERROR(run_parallel(worker_ids, static_cast<int>(worker_ids.size()), [&](size_t w) {
    return keys_worker(job, w, metas, cols, pieces, order, next, progress);
  }));
  CRM_RETURN_IF_ERROR(sync_files_in(job.folder().rows_dir()));
  // What the appenders wrote stays in memory until a checkpoint: write it out
  // before the phone SQL needs the memory.
  CRM_RETURN_IF_ERROR(job.sql("CHECKPOINT"));
  job.progress().begin("phones", 1000, ProgressUnit::kPermille);
  CRM_RETURN_IF_ERROR(job.sql(sql::phones));
  CRM_RETURN_IF_ERROR(phone_key_runs(job));
  // The runs outlive the phase (a resumed job's match reads them): on disk
  // before it is recorded as done, all at once (each run synced as it was
  // written waited for the disk: ~50 runs of 64 MiB at 10M CRM rows).
  return sync_files_in(job.folder().keys_dir());
}

}  // namespace crmerge::merge
