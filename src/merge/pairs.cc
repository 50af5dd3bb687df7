#include "merge/pairs.h"

#include <bit>
#include <iterator>

#include "base/files.h"
#include "duck/appender.h"

namespace crmerge::merge {

namespace {

constexpr std::string_view kRejections[] = {
    "names disagree on a phone-only match",
    "names in different scripts on a phone-only match",
    "first names disagree (a recycled address?)",
};

}  // namespace

bool Pair::names_matter() const { return names_differ && std::popcount(kinds) == 1; }

Result<bool> PairReader::next(Pair& out) {
  if (!started_) {
    started_ = true;
    CRM_ASSIGN_OR_RETURN(has_pending_, links_.next(pending_));
  }
  if (!has_pending_) return false;
  out = Pair{pending_.crm_row, pending_.src, pending_.vendor_row, pending_.kind, uint64_t{1} << pending_.kind, 1,
             pending_.names_differ != 0};
  for (;;) {
    CRM_ASSIGN_OR_RETURN(has_pending_, links_.next(pending_));
    if (!has_pending_ || pending_.crm_row != out.crm_row || pending_.src != out.src ||
        pending_.vendor_row != out.vendor_row)
      return true;
    out.best_kind = std::min<uint64_t>(out.best_kind, pending_.kind);
    out.kinds |= uint64_t{1} << pending_.kind;
    ++out.shared;
    out.names_differ = out.names_differ || pending_.names_differ;  // (the same on every link: it is the rows')
  }
}

std::optional<int> rejection(const Pair& p, const std::optional<NameConflicts>& names) {
  if (std::popcount(p.kinds) > 1 || !names) return std::nullopt;
  if (p.best_kind == 3 && (names->last || names->first)) return 0;
  if (p.best_kind == 3 && names->scripts_differ) return 1;
  if (names->first) return 2;
  return std::nullopt;
}

std::string_view rejection_text(int reason) {
  return reason >= 0 && static_cast<size_t>(reason) < std::size(kRejections) ? kRejections[reason] : "rejected";
}

PairDecider::PairDecider(duck::Appender& candidates, duck::Appender& pairs, size_t held_in_memory, std::string spill_path)
    : candidates_(candidates), pairs_(pairs), held_(std::max<size_t>(1, held_in_memory), std::move(spill_path)) {}

Status PairDecider::add(const Pair& p, std::optional<int> reason) {
  if (!any_ || p.crm_row != crm_row_ || p.src != src_) {
    CRM_RETURN_IF_ERROR(end_group());
    any_ = true;
    crm_row_ = p.crm_row;
    src_ = p.src;
  }
  const Held h{p.vendor_row, p.best_kind, p.shared, p.kinds, reason ? *reason : -1};
  if (!reason) {  // the match so far: the strongest kind, then the most keys, then the earliest row
    ++accepted_;
    if (!match_ || h.best_kind < match_->best_kind || (h.best_kind == match_->best_kind && h.shared > match_->shared))
      match_ = h;  // (pairs come by vendor row: an equal one later never wins)
  }
  return held_.add(h);
}

Status PairDecider::write_candidate(const Held& h, std::string_view decision, std::string_view reason) {
  CRM_RETURN_IF_ERROR(candidates_.append(crm_row_));
  CRM_RETURN_IF_ERROR(candidates_.append(src_));
  CRM_RETURN_IF_ERROR(candidates_.append(h.vendor_row));
  CRM_RETURN_IF_ERROR(candidates_.append(h.best_kind));
  CRM_RETURN_IF_ERROR(candidates_.append(h.shared));
  CRM_RETURN_IF_ERROR(candidates_.append(h.kinds));
  CRM_RETURN_IF_ERROR(candidates_.append(decision));
  CRM_RETURN_IF_ERROR(candidates_.append(reason));
  return candidates_.end_row();
}

Status PairDecider::end_group() {
  uint64_t tied = match_ ? 1 : 0;
  auto decide = [&](const Held& h) -> Status {
    if (h.rejection >= 0) return write_candidate(h, "rejected", rejection_text(static_cast<int>(h.rejection)));
    if (h.vendor_row == match_->vendor_row) return Status::ok();  // the match: to match_pairs below
    if (h.best_kind == match_->best_kind && h.shared == match_->shared) {
      ++tied;
      return write_candidate(h, "tie_lost", "tied with the match; the earlier vendor row won");
    }
    return write_candidate(h, "outranked", "a stronger or better-agreeing candidate won");
  };
  CRM_RETURN_IF_ERROR(held_.for_each(decide));
  if (match_) {
    CRM_RETURN_IF_ERROR(pairs_.append(crm_row_));
    CRM_RETURN_IF_ERROR(pairs_.append(src_));
    CRM_RETURN_IF_ERROR(pairs_.append(match_->vendor_row));
    CRM_RETURN_IF_ERROR(pairs_.append(match_->best_kind));
    CRM_RETURN_IF_ERROR(pairs_.append(match_->shared));
    CRM_RETURN_IF_ERROR(pairs_.append(match_->kinds));
    CRM_RETURN_IF_ERROR(pairs_.append_bool(tied > 1));
    CRM_RETURN_IF_ERROR(pairs_.append(accepted_));
    CRM_RETURN_IF_ERROR(pairs_.end_row());
  }
  held_.clear();
  match_.reset();
  accepted_ = 0;
  return Status::ok();
}

Status PairDecider::finish() { return end_group(); }

}  // namespace crmerge::merge
