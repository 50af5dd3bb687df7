#include "merge/row_fetcher.h"

namespace crmerge::merge {

Result<RowFetcher> RowFetcher::open(const JobFolder& folder, const std::vector<InputMeta>& metas, bool texts) {
  RowFetcher f;
  f.indexes_.resize(metas.size());
  if (texts) f.inputs_.resize(metas.size());
  for (size_t i = 0; i < metas.size(); ++i) {
    const InputMeta& m = metas[i];
    CRM_ASSIGN_OR_RETURN(f.indexes_[i], RowIndex::open(row_index_path(folder, m.src), m.rows, m.display_name()));
    if (texts) {
      CRM_ASSIGN_OR_RETURN(f.inputs_[i], InputFile::open(m.scan_path));
    }
  }
  return f;
}

Status RowFetcher::add(size_t src, uint64_t row) {
  if (src >= indexes_.size()) return Status::internal("row " + std::to_string(row) + " of an input (" + std::to_string(src) + ") the job does not have");
  slots_.push_back({src, row, RowPlace{}, 0});
  return Status::ok();
}

void RowFetcher::clear() { slots_.clear(); }

Status RowFetcher::fetch(bool texts) {
  places_.resize(slots_.size() * kRowPlaceBytes);
  for (size_t i = 0; i < slots_.size(); ++i)
    CRM_RETURN_IF_ERROR(indexes_[slots_[i].src].queue(reader_, slots_[i].row, places_.data() + i * kRowPlaceBytes));
  CRM_RETURN_IF_ERROR(reader_.run());
  size_t total = 0;
  for (size_t i = 0; i < slots_.size(); ++i) {
    Slot& s = slots_[i];
    s.place = decode_place(places_.data() + i * kRowPlaceBytes);
    s.text_at = total;
    total += s.place.length;
  }
  if (!texts) return Status::ok();
  if (inputs_.empty()) return Status::internal("RowFetcher: texts asked of a fetcher opened for places only");
  texts_.resize(total);
  for (const Slot& s : slots_)
    if (s.place.length > 0) reader_.add(inputs_[s.src], s.place.offset, s.place.length, texts_.data() + s.text_at);
  return reader_.run();
}

}  // namespace crmerge::merge
