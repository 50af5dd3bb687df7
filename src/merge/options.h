// What one merge job is asked to do: its inputs, its output, and the options
// that change the output. Shared by the CLI and (later) the job service.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace crmerge::merge {

struct VendorInput {
  VendorInput() = default;
  VendorInput(std::string label_, std::string path_, std::string display_ = "")
      : label(std::move(label_)), path(std::move(path_)), display(std::move(display_)) {}
  std::string label;  // names the vendor in output columns and messages
  std::string path;
  std::string display;  // how messages name the file; "": the path as given
};

enum class MergeMode {
  kFill,       // only empty CRM cells are filled; nothing non-empty in the CRM changes (default)
  kOverwrite,  // a CRM cell is replaced by the vendors' value when they have one
  kAppend,     // CRM columns untouched; every enrichment value goes into new columns
};

enum class Policy {
  kPriority,    // the vendors' order on the command line: the first non-empty value wins (default)
  kMostCommon,  // the value most vendors agree on (ties: priority)
  kNewest,      // the value of the vendor record updated last (its mapped updated_at column; ties: priority)
};

// --safe-csv: which cells are written neutralized when a spreadsheet would
// evaluate them as a formula (the rule: csv/formula_guard.h).
enum class SafeCsv {
  kOff,  // none (default)
  kNew,  // the cells crmerge writes: appended fields, cells the mode changes, the audit's
  kAll,  // those and the CRM's own cells (records holding one are rewritten in the CRM's dialect)
};

enum class OnMalformed {
  kFail,  // a malformed CRM line fails the job, naming its line (default)
  kPass,  // it is copied through unchanged, without appended fields, and reported
};

struct MergeOptions {
  std::string crm_path;
  std::string crm_display;      // how messages name the CRM file; "": crm_path (a server names the upload)
  std::vector<VendorInput> vendors;  // in priority order
  std::string out_path;
  std::string work_dir;              // empty: a new folder under the system temp dir
  bool keep_work_dir = false;
  std::string memory_limit = "512MB";
  int threads = 0;                   // 0: all cores
  // Pairs whose names matter read back per batch in the match's name scoring
  // (merge/match.cc): 0 is 2048. Tests set it small, for many batches; the
  // output is the same whatever it is.
  uint64_t name_pairs_per_batch = 0;
  // Records per sorted run of the keys (each worker of the keys phase) and of
  // the links (the match), merge/sorted_runs.h: 0 derives it from memory_limit.
  // Tests set it small, for many runs to merge.
  uint64_t key_run_records = 0;
  // CRM rows per window of the export's reads of resolved rows (merge/range_exporter.cc):
  // 0 derives it from memory_limit. Tests set it small; the output is the same.
  uint64_t export_rows_per_window = 0;
  // Rows between two marks of an input (where the passes may cut it,
  // merge/row_ranges.h): 0 is 16384. Tests set it small, for many pieces in
  // the keys and export phases; the output is the same.
  uint64_t mark_every_rows = 0;
  // Bytes of output a piece of the export holds at most while it waits for its
  // turn (merge/ordered_output.h): 0 derives it from memory_limit. Tests set it
  // small, for pieces that wait; the output is the same.
  uint64_t export_held_bytes = 0;
  OnMalformed on_malformed = OnMalformed::kFail;

  // Matching and resolving.
  MergeMode mode = MergeMode::kFill;
  Policy policy = Policy::kPriority;
  std::string region = "US";    // default region for phone numbers without a country code
  std::string mapping_path;     // --map: column roles that override detection
  std::string mapping_display;  // how messages name the mapping; "": mapping_path
  bool gmail_canonical = false; // j.doe+x@gmail.com matches jdoe@gmail.com

  // What is written.
  bool provenance = false;      // a <field>_source column per enriched field
  bool meta = true;             // the _match_status, _match_keys, _match_sources columns
  bool bom = false;             // write a UTF-8 BOM even when the CRM had none (Excel)
  char delimiter = 0;           // output delimiter; 0: the CRM's
  SafeCsv safe_csv = SafeCsv::kOff;  // --safe-csv: formula cells neutralized
  std::string audit_path;       // --audit: per CRM row and field, the candidates and why the value won
  std::string report_path;      // --report: the match report as JSON
};

// "apollo=path/to/file.csv" -> {apollo, path}; "path/apollo.csv" -> {apollo, path}.
// A prefix before '=' counts as a label only when it is a valid label and the
// whole argument is not an existing file.
VendorInput parse_vendor_argument(const std::string& arg);
// A vendor's label from its file name: the name without its extension, other
// characters than a label's as '_', at most 64 ("vendor" when nothing is left).
std::string default_label(const std::string& path);
// Letters, digits, '_', '-' and '.', 1 to 64 of them; "crm" is the CRM's own label.
bool is_valid_label(const std::string& label);

// Checks the options against each other and the file system: inputs exist and
// are files, labels are valid and distinct, the output is not an input and its
// folder exists, the memory limit parses. Paths are kept as given (messages
// show them so); the job works with their absolute forms.
Status validate_options(MergeOptions& options);

// A fingerprint of everything that changes the output bytes (not threads,
// memory, paths of the output or the job folder). A resumed job must match it.
std::string options_fingerprint(const MergeOptions& options);

// --memory-limit in whole megabytes (at least 1): passes that cut their work
// into pieces size them per megabyte of the limit.
uint64_t memory_limit_megabytes(const MergeOptions& options);

// DuckDB's share of --memory-limit, in bytes: a quarter of it.
// --memory-limit is the job's whole budget, and DuckDB keeps the table blocks
// it has read or written cached up to its own limit, so the rest is left for
// what is not DuckDB's: the keys' sort buffers (a quarter, merge/keys.cc), the
// match's runs and read buffers, the export's rows, the program itself. Only
// large jobs fill DuckDB's share (the match's decisions and the export's reads
// of them), so the share is what makes a large job's peak exceed a smaller
// one's: with 3/8, 50M CRM rows peaked at 1.21x 10M's (313 MB in the match
// against 259 MB in the export; 10M does not fill it). A quarter keeps the
// match and the export of both below the keys phase's own peak. DuckDB's
// configuration is locked once the job opens it, so the share cannot change
// per phase. (Given the whole limit, DuckDB filled it in the resolve phase at
// 10M CRM rows: 720 MB under 512MB; with half, 50M peaked at 1.18x 10M.)
uint64_t duckdb_memory_bytes(const MergeOptions& options);

const char* on_malformed_name(OnMalformed m);
const char* mode_name(MergeMode m);
const char* policy_name(Policy p);
const char* safe_csv_name(SafeCsv s);  // "off", "new", "all"

}  // namespace crmerge::merge
