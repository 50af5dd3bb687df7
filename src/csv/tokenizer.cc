#include "csv/tokenizer.h"

#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace crmerge::csv {

const char* record_problem_text(RecordProblem p) {
  switch (p) {
    case RecordProblem::kNone: return "ok";
    case RecordProblem::kUnclosedQuote: return "a quoted field is never closed (the quote runs to the end of the file)";
    case RecordProblem::kTextAfterQuote: return "text follows a closing quote inside a field";
    case RecordProblem::kFieldCount: return "wrong number of fields";
  }
  return "?";
}

namespace {

// The first position at or after `p` holding `c` or a line break (`n` when
// there is none): the delimiter ending an unquoted field, or the quote ending a
// quoted one. Sixteen bytes at a time where SSE2 is there: a field is usually
// found in one step (the byte loop and memchr were a fifth of the keys phase,
// measured).
inline size_t find_char_or_break(const char* base, size_t p, size_t n, char c) {
#if defined(__SSE2__)
  const __m128i cc = _mm_set1_epi8(c), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
  for (; p + 16 <= n; p += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(base + p));
    __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, cc), _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)));
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
    if (mask != 0) return p + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  while (p < n && base[p] != c && base[p] != '\n' && base[p] != '\r') ++p;
  return p;
}

}  // namespace

namespace {

// Writes spans over the previous record's (which usually had as many fields):
// one branch per field instead of a call into vector::emplace_back, which was
// a quarter of the import's time (measured).
class SpanSink {
 public:
  explicit SpanSink(std::vector<FieldSpan>& v) : v_(v) {}
  ~SpanSink() { v_.resize(n_); }
  void push(const FieldSpan& f) {
    if (n_ == v_.size()) grow();
    v_[n_++] = f;
  }
  bool empty() const { return n_ == 0; }

 private:
  __attribute__((noinline)) void grow() { v_.resize(v_.size() < 16 ? 16 : v_.size() * 2); }

  std::vector<FieldSpan>& v_;
  size_t n_ = 0;
};

}  // namespace

ParsedRecord parse_record(std::string_view data, bool at_eof, const Dialect& d, std::vector<FieldSpan>& out) {
  SpanSink fields(out);
  ParsedRecord r;
  const char* base = data.data();
  const size_t n = data.size();
  const char q = d.quote;
  const char delim = d.delimiter;

  auto need_more = [&]() {
    r.state = ParsedRecord::State::kNeedMore;
    return r;
  };
  // Ends the record at `pos` (where a line break or the end of data is).
  auto finish = [&](size_t pos) -> bool {
    if (pos >= n) {
      if (!at_eof) return false;
      r.text_length = n;
      r.eol_length = 0;
    } else if (base[pos] == '\n') {
      r.text_length = pos;
      r.eol_length = 1;
    } else {  // '\r'
      if (pos + 1 >= n && !at_eof) return false;
      r.text_length = pos;
      r.eol_length = (pos + 1 < n && base[pos + 1] == '\n') ? 2 : 1;
    }
    r.state = ParsedRecord::State::kComplete;
    return true;
  };

  if (n == 0) {
    if (!at_eof) return need_more();
    r.state = ParsedRecord::State::kComplete;
    r.blank = true;
    return r;
  }
  if (base[0] == '\n' || base[0] == '\r') {
    r.blank = true;
    if (!finish(0)) return need_more();
    return r;
  }

  size_t pos = 0;
  for (;;) {
    const size_t field_start = pos;
    size_t open = pos;
    if (!fields.empty()) {  // spaces before an opening quote are skipped, except in the first field
      while (open < n && base[open] == ' ') ++open;
      if (open >= n && !at_eof) return need_more();
    }
    if (open < n && base[open] == q) {
      FieldSpan f;
      f.quoted = true;
      f.begin = static_cast<uint32_t>(open + 1);
      f.raw_begin = static_cast<uint32_t>(field_start);
      size_t p = open + 1;
      size_t close = 0;
      for (;;) {
        size_t k = find_char_or_break(base, p, n, q);
        if (k < n && base[k] != q) {  // a line break inside the field
          r.line_breaks = true;
          p = k + 1;
          continue;
        }
        if (k >= n) {
          if (!at_eof) return need_more();
          // Never closed: the field, and the record, run to the end of the data.
          f.end = static_cast<uint32_t>(n);
          f.raw_end = static_cast<uint32_t>(n);
          fields.push(f);
          r.problem = RecordProblem::kUnclosedQuote;
          finish(n);
          return r;
        }
        if (k + 1 >= n && !at_eof) return need_more();
        if (k + 1 < n && base[k + 1] == q) {
          f.escapes = true;
          p = k + 2;
          continue;
        }
        close = k;
        break;
      }
      f.end = static_cast<uint32_t>(close);
      size_t after = close + 1;
      while (after < n && base[after] == ' ') ++after;
      f.raw_end = static_cast<uint32_t>(after);
      if (after >= n) {
        fields.push(f);
        if (!finish(after)) return need_more();
        return r;
      }
      char c = base[after];
      if (c == delim) {
        fields.push(f);
        pos = after + 1;
        continue;
      }
      if (c == '\n' || c == '\r') {
        fields.push(f);
        if (!finish(after)) return need_more();
        return r;
      }
      // Text after the closing quote: malformed. Keep the raw bytes and go on
      // as if unquoted so the record's end is still found.
      r.problem = RecordProblem::kTextAfterQuote;
      size_t p2 = find_char_or_break(base, after, n, delim);
      if (p2 >= n && !at_eof) return need_more();
      fields.push({static_cast<uint32_t>(field_start), static_cast<uint32_t>(p2), false, false,
                        static_cast<uint32_t>(field_start), static_cast<uint32_t>(p2)});
      if (p2 < n && base[p2] == delim) {
        pos = p2 + 1;
        continue;
      }
      if (!finish(p2)) return need_more();
      return r;
    }
    size_t p = find_char_or_break(base, field_start, n, delim);
    if (p >= n && !at_eof) return need_more();
    fields.push({static_cast<uint32_t>(field_start), static_cast<uint32_t>(p), false, false,
                      static_cast<uint32_t>(field_start), static_cast<uint32_t>(p)});
    if (p < n && base[p] == delim) {
      pos = p + 1;
      continue;
    }
    if (!finish(p)) return need_more();
    return r;
  }
}

std::string_view field_value(std::string_view text, const FieldSpan& f, char quote, std::string& scratch) {
  std::string_view raw = text.substr(f.begin, f.end - f.begin);
  if (!f.escapes) return raw;
  scratch.clear();
  scratch.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    scratch += raw[i];
    if (raw[i] == quote && i + 1 < raw.size() && raw[i + 1] == quote) ++i;
  }
  return scratch;
}

uint64_t count_line_breaks(std::string_view text) {
  // Most records hold no line break at all: two memchr scans prove it quickly.
  if (!std::memchr(text.data(), '\n', text.size()) && !std::memchr(text.data(), '\r', text.size())) return 0;
  uint64_t lines = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      ++lines;
    } else if (c == '\r') {
      ++lines;
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    }
  }
  return lines;
}

}  // namespace crmerge::csv
