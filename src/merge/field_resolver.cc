#include "merge/field_resolver.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "base/strings.h"

namespace crmerge::merge {

namespace {

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

}  // namespace

std::string date_key(std::string_view value) {
  std::string_view v = trim_ascii(value);
  v = v.substr(0, v.find_first_of(" T"));
  auto parts_of = [&](char sep) { return split(v, sep); };
  for (char sep : {'-', '/', '.'}) {
    auto p = parts_of(sep);
    if (p.size() != 3 || !digits(p[0]) || !digits(p[1]) || !digits(p[2])) continue;
    std::string y, m, d;
    if (p[0].size() == 4) {
      y = p[0], m = p[1], d = p[2];
    } else if (p[2].size() == 4) {
      // 03/05/2024 is US month-first; 05.03.2024 is day-first (European dots).
      y = p[2];
      m = sep == '.' ? p[1] : p[0];
      d = sep == '.' ? p[0] : p[1];
    } else {
      continue;
    }
    int mi = std::stoi(m), di = std::stoi(d);
    if (mi < 1 || mi > 12 || di < 1 || di > 31) return "";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%s%02d%02d", y.c_str(), mi, di);
    return buf;
  }
  return "";
}

FieldResolver::FieldResolver(const OutputPlan& plan, const MergeOptions& options, size_t inputs)
    : plan_(plan),
      mode_(options.mode),
      policy_(options.policy),
      filled_(plan.fields.size(), std::vector<uint64_t>(inputs, 0)),
      conflicts_(plan.fields.size(), 0) {}

void FieldResolver::resolve(const std::vector<std::string_view>& crm_cells, const VendorCandidate* cands, size_t count,
                            std::vector<FieldDecision>& out, const std::function<void(const FieldAudit&)>& audit) {
  out.resize(plan_.fields.size());
  std::vector<const VendorCandidate*>& offers = offers_;
  for (size_t f = 0; f < plan_.fields.size(); ++f) {
    FieldDecision& d = out[f];
    d.value.clear();
    d.src = -1;
    d.write = false;
    // The candidates that have a value, in priority order.
    offers.clear();
    for (size_t i = 0; i < count; ++i)
      if (!cands[i].values[f].empty()) offers.push_back(&cands[i]);
    if (offers.empty()) continue;
    bool disagree = false;
    for (size_t i = 1; i < offers.size() && !disagree; ++i)
      disagree = !equal_ignore_case(offers[i]->values[f], offers[0]->values[f]);
    if (disagree) ++conflicts_[f];

    const VendorCandidate* winner = offers[0];
    const bool most_common = policy_ == Policy::kMostCommon && disagree;
    size_t votes = 0;  // most common: how many vendors offer the winner's value
    if (most_common) {
      for (const auto* o : offers) {
        size_t n = 0;
        for (const auto* p : offers) n += equal_ignore_case(p->values[f], o->values[f]);
        if (n > votes) {  // strict: ties keep the earlier (priority) vendor
          votes = n;
          winner = o;
        }
      }
    } else if (policy_ == Policy::kNewest) {
      for (const auto* o : offers)
        if (o->updated > winner->updated) winner = o;  // "" (unknown) never beats a date; ties keep priority
    }

    d.value = winner->values[f];
    d.src = winner->src;
    const FieldPlan& fp = plan_.fields[f];
    bool in_place = fp.crm_column >= 0;
    std::string_view crm = in_place ? crm_cells[f] : std::string_view();
    if (!in_place) d.write = true;
    else if (mode_ == MergeMode::kFill) d.write = crm.empty();
    else d.write = crm != d.value;  // overwrite
    if (d.write) ++filled_[f][static_cast<size_t>(d.src)];

    if (!audit) continue;
    // (Only the audit says why: a string per field and row costs a malloc.)
    const std::string why =
        most_common ? "most common: " + std::to_string(votes) + " of " + std::to_string(offers.size()) + " vendors"
        : policy_ == Policy::kNewest
            ? (winner->updated.empty() ? "newest: no vendor dates this record; priority decides"
                                       : "newest: updated " + winner->updated)
            : "priority: the first vendor with a value";
    for (const auto* o : offers) {
      FieldAudit a{f, o->src, o->vendor_row, o->vendor_line, o->values[f], "", ""};
      if (o == winner) {
        if (d.write) {
          a.decision = "chosen";
          a.reason = why;
        } else if (crm == d.value) {
          a.decision = "same_as_crm";
          a.reason = "the CRM already holds this value";
        } else {
          a.decision = "not_needed";
          a.reason = "the CRM cell is not empty (fill mode)";
        }
      } else {
        a.decision = "outvoted";
        a.reason = "another value won (" + why + ")";
      }
      audit(a);
    }
  }
}

}  // namespace crmerge::merge
