#include "merge/name_scorer.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "csv/tokenizer.h"
#include "merge/input_meta.h"
#include "merge/roles_store.h"
#include "merge/row_fetcher.h"
#include "merge/row_names.h"

namespace crmerge::merge {

namespace {

// One input: how to read a row's names.
struct NameSource {
  const InputMeta* meta = nullptr;
  KeyColumns cols;
  csv::Record rec;

  // Reads the names of the row whose record is `text`, which starts on `line`.
  Status names_of(std::string_view text, uint64_t line, RowNames& out) {
    csv::ParsedRecord p = csv::parse_record(text, true, meta->dialect, rec.fields);
    if (p.text_length != text.size() || rec.fields.size() != meta->columns.size())
      return Status::io_error(meta->display_name() + " changed while the job ran (line " + std::to_string(line) +
                              " no longer reads the same)");
    rec.text = text;
    read_names(rec, cols, meta->dialect.quote, out);
    return Status::ok();
  }
};

struct PairRows {
  uint64_t crm_row;
  int32_t src;
  uint64_t vendor_row;
};

}  // namespace

struct NameScorer::State {
  Job* job = nullptr;
  std::vector<InputMeta> metas;
  std::vector<NameSource> sources;  // by src
  RowFetcher rows;
  std::vector<PairRows> batch;
  std::vector<size_t> crm_slot, vendor_slot;
};

NameScorer::NameScorer(std::unique_ptr<State> s) : s_(std::move(s)) {}
NameScorer::NameScorer(NameScorer&&) noexcept = default;
NameScorer& NameScorer::operator=(NameScorer&&) noexcept = default;
NameScorer::~NameScorer() = default;

Result<NameScorer> NameScorer::open(Job& job) {
  auto s = std::make_unique<State>();
  s->job = &job;
  CRM_ASSIGN_OR_RETURN(s->metas, load_input_meta(job));
  CRM_ASSIGN_OR_RETURN(auto roles, load_roles(job, s->metas.size()));
  s->sources.resize(s->metas.size());
  for (size_t i = 0; i < s->metas.size(); ++i) {
    NameSource& r = s->sources[i];
    r.meta = &s->metas[i];
    r.cols = key_columns(roles[static_cast<size_t>(r.meta->src)]);
  }
  CRM_ASSIGN_OR_RETURN(s->rows, RowFetcher::open(job.folder(), s->metas, true));
  return NameScorer(std::move(s));
}

Status NameScorer::add(uint64_t crm_row, int32_t src, uint64_t vendor_row) {
  s_->batch.push_back({crm_row, src, vendor_row});
  return Status::ok();
}

size_t NameScorer::queued() const { return s_->batch.size(); }

Status NameScorer::score(std::vector<NameConflicts>& out) {
  State& s = *s_;
  out.clear();
  s.rows.clear();
  std::vector<size_t>& crm_slot = s.crm_slot;
  std::vector<size_t>& vendor_slot = s.vendor_slot;
  crm_slot.assign(s.batch.size(), 0);
  vendor_slot.assign(s.batch.size(), 0);
  for (size_t i = 0; i < s.batch.size(); ++i) {
    const PairRows& p = s.batch[i];
    if (p.src <= 0 || static_cast<size_t>(p.src) >= s.metas.size())
      return Status::internal("match: a pair with an input the job does not have (" + std::to_string(p.src) + ")");
    if (i == 0 || p.crm_row != s.batch[i - 1].crm_row) {
      crm_slot[i] = s.rows.size();
      CRM_RETURN_IF_ERROR(s.rows.add(0, p.crm_row));
    } else {
      crm_slot[i] = crm_slot[i - 1];
    }
    vendor_slot[i] = s.rows.size();
    CRM_RETURN_IF_ERROR(s.rows.add(static_cast<size_t>(p.src), p.vendor_row));
  }
  CRM_RETURN_IF_ERROR(s.rows.fetch(true));
  RowNames crm, vendor;
  size_t read_crm = SIZE_MAX;  // the slot whose names `crm` holds
  for (size_t i = 0; i < s.batch.size(); ++i) {
    const PairRows& p = s.batch[i];
    if (crm_slot[i] != read_crm) {
      read_crm = crm_slot[i];
      CRM_RETURN_IF_ERROR(s.sources[0].names_of(s.rows.text(read_crm), s.rows.place(read_crm).line, crm));
    }
    const size_t v = vendor_slot[i];
    CRM_RETURN_IF_ERROR(s.sources[static_cast<size_t>(p.src)].names_of(s.rows.text(v), s.rows.place(v).line, vendor));
    out.push_back(compare_names(crm, vendor));
  }
  s.batch.clear();
  return s.job->cancel().check();
}

}  // namespace crmerge::merge
