#include "merge/key_groups.h"

#include <algorithm>

#include "base/files.h"
#include "duck/appender.h"

namespace crmerge::merge {

namespace {

constexpr uint64_t kWeakRows = 10;   // on this many rows of one input, a key is weak
constexpr uint64_t kWeakPeople = 2;  // or on rows with this many different names

bool may_be_weak(int32_t kind) { return kind == 1 || kind == 3; }  // e-mails and phones; LinkedIn never

}  // namespace

KeyGroups::KeyGroups(duck::Appender& weak, RunWriter<LinkRecord>& links, uint64_t crm_rows_per_key, std::string spill_path)
    : weak_(weak), links_(links), crm_(std::max<uint64_t>(1, crm_rows_per_key), std::move(spill_path)) {}

Status KeyGroups::add(const KeyRecord& r) {
  const int32_t kind = r.kind(), src = r.src();
  const uint64_t row = r.row();
  if (!any_ || r.h1 != h1_ || r.h2 != h2_ || kind != kind_) {
    CRM_RETURN_IF_ERROR(end_key());
    any_ = true;
    h1_ = r.h1;
    h2_ = r.h2;
    kind_ = kind;
  }
  if (src != src_) {
    CRM_RETURN_IF_ERROR(end_input());
    src_ = src;
    first_row_ = row;
  } else if (row == last_row_) {
    return Status::ok();  // the row holds this key twice: once is the key
  }
  last_row_ = row;
  first_row_ = std::min(first_row_, row);
  ++rows_;
  if (r.person != 0 && r.person != last_person_) {  // the persons of one input come sorted
    ++people_;
    last_person_ = r.person;
  }
  if (r.role_mailbox()) {  // counts toward weakness; never links
    ++role_rows_;
    return Status::ok();
  }
  const Held h{row, r.person};
  if (may_be_weak(kind)) {
    if (rows_ < kWeakRows && people_ < kWeakPeople) held_.push_back(h);
    else held_.clear();  // weak: none of this input's rows will link
    return Status::ok();
  }
  // A LinkedIn profile is never weak: a vendor row links as it comes.
  return src == 0 ? crm_.add(h) : link_vendor_to_crm(h, src);
}

Status KeyGroups::link(const Held& crm, int32_t src, const Held& vendor) {
  LinkRecord l;
  l.crm_row = crm.row;
  l.vendor_row = vendor.row;
  l.src = src;
  l.kind = static_cast<uint8_t>(kind_);
  // Both rows have names and they differ (their hashes do).
  l.names_differ = crm.person != 0 && vendor.person != 0 && crm.person != vendor.person;
  return links_.add(l);
}

Status KeyGroups::link_vendor_to_crm(const Held& vendor, int32_t src) {
  return crm_.for_each([&](const Held& c) { return link(c, src, vendor); });
}

Status KeyGroups::end_input() {
  if (src_ < 0) return Status::ok();
  const bool weak = may_be_weak(kind_) && (rows_ >= kWeakRows || people_ >= kWeakPeople);
  if (weak) {
    CRM_RETURN_IF_ERROR(weak_.append(src_));
    CRM_RETURN_IF_ERROR(weak_.append(static_cast<uint64_t>(kind_)));
    CRM_RETURN_IF_ERROR(weak_.append(h1_));
    CRM_RETURN_IF_ERROR(weak_.append(h2_));
    CRM_RETURN_IF_ERROR(weak_.append(rows_));
    CRM_RETURN_IF_ERROR(weak_.append(people_));
    CRM_RETURN_IF_ERROR(weak_.append(first_row_));
    CRM_RETURN_IF_ERROR(weak_.end_row());
  } else if (may_be_weak(kind_)) {
    if (src_ == 0)
      for (const Held& c : held_) CRM_RETURN_IF_ERROR(crm_.add(c));
    else
      for (const Held& v : held_) CRM_RETURN_IF_ERROR(link_vendor_to_crm(v, src_));
  }
  if (role_rows_ > 0) {
    if (roles_.size() <= static_cast<size_t>(src_)) roles_.resize(static_cast<size_t>(src_) + 1);
    roles_[static_cast<size_t>(src_)].rows += role_rows_;
    ++roles_[static_cast<size_t>(src_)].keys;
  }
  held_.clear();
  src_ = -1;
  rows_ = people_ = last_person_ = role_rows_ = 0;
  return Status::ok();
}

Status KeyGroups::end_key() {
  CRM_RETURN_IF_ERROR(end_input());
  crm_.clear();
  return Status::ok();
}

Status KeyGroups::finish() { return end_key(); }

}  // namespace crmerge::merge
