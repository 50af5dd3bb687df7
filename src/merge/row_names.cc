#include "merge/row_names.h"

#include "base/hash.h"
#include "base/strings.h"
#include "normalize/name.h"

namespace crmerge::merge {

namespace {

// The first non-empty value among `cols`.
std::string_view first_value(const csv::Record& rec, const std::vector<int>& cols, char quote, std::string& scratch) {
  for (int c : cols) {
    std::string_view v = trim_ascii(rec.field(static_cast<size_t>(c), quote, scratch));
    if (!v.empty()) return v;
  }
  return {};
}

bool contains(const std::string& a, const std::string& b) { return a.find(b) != std::string::npos; }

bool starts_with(const std::string& a, const std::string& b) { return a.compare(0, b.size(), b) == 0; }

}  // namespace

void read_names(const csv::Record& rec, const KeyColumns& cols, char quote, RowNames& out) {
  std::string scratch;
  normalize::name_key_into(first_value(rec, cols.first, quote, scratch), out.first);
  normalize::name_key_into(first_value(rec, cols.last, quote, scratch), out.last);
  if (out.first.empty() && out.last.empty() && !cols.full.empty())
    normalize::split_full_name(first_value(rec, cols.full, quote, scratch), out.first, out.last);
  out.person = 0;
  out.latin = false;
  if (out.first.empty() && out.last.empty()) return;
  out.first = normalize::canonical_first_name(std::move(out.first));
  thread_local std::string both;  // (one buffer per thread: a row at a time)
  both.clear();
  both.append(out.first).push_back('\x1f');
  both.append(out.last);
  out.person = hash64(both) | 1;  // never 0
  out.latin = normalize::is_latin_key(out.first) && normalize::is_latin_key(out.last);
}

NameConflicts compare_names(const RowNames& a, const RowNames& b) {
  NameConflicts c;
  if (a.empty() || b.empty()) return c;
  const bool comparable = a.latin == b.latin;
  c.last = comparable && !a.last.empty() && !b.last.empty() && !contains(a.last, b.last) && !contains(b.last, a.last);
  c.first = comparable && !a.first.empty() && !b.first.empty() && !starts_with(a.first, b.first) &&
            !starts_with(b.first, a.first);
  c.scripts_differ = !comparable;
  return c;
}

}  // namespace crmerge::merge
