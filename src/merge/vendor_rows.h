// Matched vendor rows (read back by merge/row_fetcher.h), their values shaped
// for output: an e-mail as its normalized address, a LinkedIn profile
// as its canonical URL, a phone in E.164 (or its do-not-call marker), revenue
// in the unit its header names (ZoomInfo's thousands become dollars), any
// other value trimmed.
#pragma once

#include <string>
#include <vector>

#include "csv/tokenizer.h"
#include "merge/field_resolver.h"
#include "merge/input_meta.h"
#include "merge/output_plan.h"
#include "merge/roles_store.h"

namespace crmerge::merge {

// The phones of one vendor row that the keys phase left to libphonenumber
// (sql/phones.sql): their normalization, per column in the cell's order (a
// handful, so a reused vector; the views point into the caller's strings). The
// other phones are read here by the fast path (normalize/phone_fast.h), which
// gives the same answer.
struct PhoneCell {
  int col = 0;
  bool usable = false;       // valid, or a do-not-call marker
  std::string_view display;  // "+14155550134", "+14155550134 ext. 12", "DNC"
};
using PhoneCells = std::vector<PhoneCell>;

class VendorRows {
 public:
  // `dates`: read each row's updated_at (only the newest policy uses it).
  static Result<VendorRows> open(const InputMeta& meta, const std::vector<StoredRole>& roles, const OutputPlan& plan,
                                 std::string region, bool dates);

  // Parses the row whose record is `text` (as the row index placed it) and
  // fills `cand.values` (one per plan field) and, when asked for dates,
  // `cand.updated`. A record that no longer parses whole is an error: the
  // input changed under the job.
  Status shape(std::string_view text, const PhoneCells& phones, VendorCandidate& cand);

 private:
  const InputMeta* meta_ = nullptr;
  std::vector<std::vector<int>> field_columns_;  // per plan field: this vendor's columns with that role
  std::vector<schema::Role> field_roles_;
  std::vector<double> multipliers_;              // per column (revenue units)
  std::vector<int> updated_columns_;
  std::string region_;                           // the default region of phone numbers
  std::string scratch_;
  std::vector<csv::FieldSpan> spans_;
};

// The first usable phone of cell `raw` in column `col` into `out` (left empty
// when none is): each part read by the fast path, else taken from `leftovers`
// (the column's parts the fast path cannot read, in order).
void shape_phone(std::string_view raw, int col, const PhoneCells& leftovers, const std::string& region,
                 std::string& out);

// A non-phone value shaped for output into `out` (left empty when it is not usable).
void shape_value(schema::Role role, std::string_view raw, double multiplier, std::string& out);

}  // namespace crmerge::merge
