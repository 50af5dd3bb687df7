#include "merge/row_keys.h"

#include <optional>

#include "base/strings.h"
#include "normalize/linkedin.h"
#include "normalize/phone_fast.h"

namespace crmerge::merge {

using schema::Role;

KeyColumns key_columns(const std::vector<StoredRole>& roles) {
  KeyColumns k;
  for (const auto& r : roles) {
    switch (r.role) {
      case Role::kEmail: k.emails.push_back(r.col); break;
      case Role::kLinkedin: k.linkedin.push_back(r.col); break;
      case Role::kPhone:
      case Role::kMobilePhone:
      case Role::kDirectPhone: k.phones.push_back(r.col); break;
      case Role::kCompanyPhone: k.company_phones.push_back(r.col); break;
      case Role::kFirstName: k.first.push_back(r.col); break;
      case Role::kLastName: k.last.push_back(r.col); break;
      case Role::kFullName: k.full.push_back(r.col); break;
      default: break;
    }
  }
  return k;
}

RowKeyDeriver::RowKeyDeriver(KeyColumns cols, bool vendor, normalize::EmailOptions email, std::string region)
    : cols_(std::move(cols)), vendor_(vendor), email_(email), region_(std::move(region)) {}

void RowKeyDeriver::add(int32_t kind, std::string value, bool role_mailbox) {
  for (const auto& k : keys_)
    if (k.kind == kind && k.value == value) return;
  keys_.push_back({kind, std::move(value), role_mailbox});
}

void RowKeyDeriver::derive(const csv::Record& rec, char quote) {
  keys_.clear();
  leftovers_.clear();
  any_phone_ = false;
  for (int c : cols_.emails) {
    for (auto& e : normalize::email_keys(rec.field(static_cast<size_t>(c), quote, scratch_), email_)) {
      bool role = normalize::is_role_mailbox(e);
      add(kEmailKey, std::move(e), role);
    }
  }
  for (int c : cols_.linkedin)
    for (std::string_view part : split_trimmed(rec.field(static_cast<size_t>(c), quote, scratch_), ";,| \n"))
      if (auto k = normalize::linkedin_key(part)) add(kLinkedinKey, *k);
  // Phones: personal ones are keys; a vendor's company phones are only output values.
  for (const auto* phone_cols : {&cols_.phones, &cols_.company_phones}) {
    const bool personal = phone_cols == &cols_.phones;
    if (!personal && !vendor_) break;
    for (int c : *phone_cols) {
      for (std::string_view raw : normalize::split_phone_cell(rec.field(static_cast<size_t>(c), quote, scratch_))) {
        any_phone_ = any_phone_ || personal;
        if (std::optional<normalize::Phone> p = normalize::parse_phone_fast(raw, region_)) {
          ++phone_status_[static_cast<size_t>(p->status)];
          if (personal && p->status == normalize::PhoneStatus::kValid) add(kPhoneKey, std::move(p->e164));
          continue;
        }
        leftovers_.push_back({c, std::string(raw), personal});
      }
    }
  }
}

}  // namespace crmerge::merge
