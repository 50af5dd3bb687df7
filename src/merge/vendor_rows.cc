#include "merge/vendor_rows.h"

#include <charconv>
#include <cmath>
#include <optional>

#include "base/strings.h"
#include "normalize/email.h"
#include "normalize/linkedin.h"
#include "normalize/phone.h"
#include "normalize/phone_fast.h"

namespace crmerge::merge {

namespace {

// "1,234.5" or "$12000" -> the number; false when it is not a plain amount.
bool parse_amount(std::string_view s, double& out) {
  std::string digits;
  for (char c : s) {
    if (c == ',' || c == '$' || c == ' ') continue;
    if ((c >= '0' && c <= '9') || c == '.') digits += c;
    else return false;
  }
  if (digits.empty() || digits.find_first_of("0123456789") == std::string::npos) return false;
  char* end = nullptr;
  out = std::strtod(digits.c_str(), &end);
  return end && *end == '\0';
}

}  // namespace

void shape_value(schema::Role role, std::string_view raw, double multiplier, std::string& out) {
  out.clear();
  std::string_view v = trim_ascii(raw);
  if (v.empty()) return;
  switch (role) {
    case schema::Role::kEmail: {
      auto keys = normalize::email_keys(v);
      if (!keys.empty()) out = keys.front();
      return;
    }
    case schema::Role::kLinkedin: {
      auto k = normalize::linkedin_key(v);
      if (k) out.append("https://www.").append(*k);
      return;
    }
    case schema::Role::kRevenue: {
      double amount = 0;
      if (multiplier == 1 || !parse_amount(v, amount)) {
        out.assign(v);
        return;
      }
      double scaled = amount * multiplier;
      // As printf's %.0f / %.2f would write it (std::to_chars with a precision
      // is specified so), without a format string to parse; the buffer holds
      // any double's expansion (309 digits and a fraction).
      char buf[400];
      const int decimals = std::fabs(scaled - std::round(scaled)) < 1e-6 ? 0 : 2;
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, scaled, std::chars_format::fixed, decimals);
      if (ec == std::errc()) out.assign(buf, end);
      else out.assign(v);  // (cannot happen: the buffer is large enough)
      return;
    }
    default: out.assign(v);
  }
}

void shape_phone(std::string_view raw, int col, const PhoneCells& leftovers, const std::string& region,
                 std::string& out) {
  size_t next = 0;  // the next of `leftovers` in this column
  for (std::string_view part : normalize::split_phone_cell(raw)) {
    if (std::optional<normalize::Phone> p = normalize::parse_phone_fast(part, region)) {
      if (p->status == normalize::PhoneStatus::kValid || p->status == normalize::PhoneStatus::kDoNotCall) {
        out = normalize::phone_display(*p);
        return;
      }
      continue;
    }
    while (next < leftovers.size() && leftovers[next].col != col) ++next;
    if (next == leftovers.size()) continue;  // (cannot happen: the keys phase wrote one per part)
    const PhoneCell& cell = leftovers[next++];
    if (cell.usable) {
      out.assign(cell.display);
      return;
    }
  }
}

Result<VendorRows> VendorRows::open(const InputMeta& meta, const std::vector<StoredRole>& roles,
                                    const OutputPlan& plan, std::string region, bool dates) {
  VendorRows v;
  v.region_ = std::move(region);
  v.meta_ = &meta;
  for (const auto& f : plan.fields) {
    v.field_columns_.push_back(columns_with(roles, f.role));
    v.field_roles_.push_back(f.role);
  }
  v.multipliers_.assign(meta.columns.size(), 1.0);
  for (int c : columns_with(roles, schema::Role::kRevenue))
    v.multipliers_[static_cast<size_t>(c)] = schema::revenue_multiplier(meta.columns[static_cast<size_t>(c)]);
  if (dates) v.updated_columns_ = columns_with(roles, schema::Role::kUpdatedAt);
  return v;
}

Status VendorRows::shape(std::string_view text, const PhoneCells& phones, VendorCandidate& cand) {
  csv::ParsedRecord p = csv::parse_record(text, true, meta_->dialect, spans_);
  if (p.text_length != text.size() || spans_.size() != meta_->columns.size())
    return Status::io_error(meta_->display_name() + " changed while the job ran (a row no longer reads the same)");
  cand.values.resize(field_columns_.size());  // the strings keep their capacity from row to row
  for (size_t f = 0; f < field_columns_.size(); ++f) {
    std::string& value = cand.values[f];
    value.clear();
    for (int c : field_columns_[f]) {
      if (schema::is_phone(field_roles_[f])) {
        shape_phone(csv::field_value(text, spans_[static_cast<size_t>(c)], meta_->dialect.quote, scratch_), c, phones,
                    region_, value);
      } else {
        shape_value(field_roles_[f], csv::field_value(text, spans_[static_cast<size_t>(c)], meta_->dialect.quote, scratch_),
                    multipliers_[static_cast<size_t>(c)], value);
      }
      if (!value.empty()) break;
    }
  }
  cand.updated.clear();
  for (int c : updated_columns_) {
    cand.updated = date_key(csv::field_value(text, spans_[static_cast<size_t>(c)], meta_->dialect.quote, scratch_));
    if (!cand.updated.empty()) break;
  }
  return Status::ok();
}

}  // namespace crmerge::merge
