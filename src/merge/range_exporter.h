// The export's rows (export.cc cuts the CRM file into pieces that its workers
// take in order, each worker with a RangeExporter of its own, and writes the
// pieces into the output in order: merge/ordered_output.h). The CRM file is
// read once more, piece by piece, in step with the matched vendor rows of the
// piece (match_pairs, ordered by CRM row; the rows themselves read back a
// chunk at a time, merge/row_fetcher.h). A CRM record the merge does not
// change is copied through byte for byte; one whose cells change has just
// those fields replaced; the new columns follow in the CRM's dialect. Records
// come out in CRM order, one for one (invariants 1, 2). --safe-csv neutralizes
// the cells written (csv/formula_guard.h); --safe-csv=all also the CRM fields
// that evaluate as a formula, every other byte of their record as it was.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/files.h"
#include "csv/reader.h"
#include "duck/connection.h"
#include "merge/audit_writer.h"
#include "merge/cursor.h"
#include "merge/export_stats.h"
#include "merge/field_resolver.h"
#include "merge/input_meta.h"
#include "merge/job.h"
#include "merge/ordered_output.h"
#include "merge/output_plan.h"
#include "merge/parallel.h"
#include "merge/roles_store.h"
#include "merge/row_fetcher.h"
#include "merge/row_ranges.h"
#include "merge/vendor_rows.h"

namespace crmerge::merge {

// Where a piece starts and ends. Records that start at or after `end_offset`
// belong to the next range.
struct ExportRange {
  RowRange rows;        // (the first range starts at the header line)
  bool header = false;  // the first range: begins with the header line
};

// What every range shares (read-only while they run).
struct ExportContext {
  Job& job;
  const std::vector<InputMeta>& metas;
  const std::vector<std::vector<StoredRole>>& roles;
  const OutputPlan& plan;
  SharedProgress& progress;
};

class RangeExporter {
 public:
  RangeExporter(const ExportContext& ctx, AuditWriter* audit);

  // Writes the records of `range` to `out` (and their audit lines to `audit`).
  Status run(const ExportRange& range, OrderedOutput::Piece& out);
  // Closes its connections (before the output is committed).
  void close();
  // What it counted over its pieces (rows, matched, ambiguous, malformed;
  // fields filled and conflicts).
  ExportStats stats() const;

 private:
  Status open_streams();  // once: the vendors' readers, the row fetchers, the connections
  Status open_cursors();  // for each piece
  void close_cursors();
  Status write_header(const csv::Record& rec);
  Status write_row(const csv::Record& rec, uint64_t r);
  Status gather(uint64_t r);
  Status audit_candidates(uint64_t r, uint64_t crm_line);

  const ExportContext& ctx_;
  Job& job_;
  const std::vector<InputMeta>& metas_;
  const OutputPlan& plan_;
  ExportRange range_;                      // the piece being written
  OrderedOutput::Piece* out_ = nullptr;    // where it goes
  AuditWriter* audit_;
  bool opened_ = false;
  uint64_t rows_done_ = 0;                 // over its pieces
  FieldResolver resolver_;
  std::vector<std::vector<size_t>> fields_of_column_;  // per CRM column: the plan fields written into it
  ExportStats stats_;
  std::vector<VendorRows> vendors_;  // by src (index 0 unused)
  duck::Connection rows_conn_, phone_conn_, audit_conn_;
  std::optional<RowCursor> resolved_, phones_, candidates_;
  // Rows read back for a cursor whose columns 1 and 2 are an input and a row
  // of it: those of the cursor's chunk from its current row on, in one batch
  // of reads when it moves to a new chunk (one read each cost ~1.8 µs of
  // entering the kernel: 1.8M reads at 1M CRM rows).
  struct ChunkRows {
    RowFetcher rows;
    bool texts = false;
    uint64_t chunk = 0;  // RowCursor::chunks() when fetched
    size_t from = 0;     // the cursor's row then: slot 0
    // The slot of the cursor's current row in `rows`.
    Result<size_t> slot_of(const RowCursor& c);
  };
  ChunkRows matched_rows_;     // the vendor rows of the resolved rows, with their text
  ChunkRows candidate_rows_;  // the candidates' rows (--audit), for their lines

  // Per row, reused: the first ncands_ of cands_ are this row's matched vendor rows.
  std::vector<VendorCandidate> cands_;
  size_t ncands_ = 0;
  std::vector<FieldDecision> decisions_;
  std::vector<std::string_view> crm_cells_;
  std::vector<FieldAudit> field_audits_;
  PhoneCells phone_cells_;
  struct OwnedPhone {
    int col;
    bool usable;
    std::string display;
  };
  std::vector<OwnedPhone> phone_displays_;
  uint8_t kinds_ = 0;
  bool ambiguous_ = false;
  std::string line_, scratch_, cell_scratch_, meta_keys_, meta_sources_;
  std::vector<std::string> cells_;
  std::vector<std::string_view> appended_;
};

}  // namespace crmerge::merge
