#include "csv/encoding.h"

#include <memory>

#include "base/files.h"
#include "base/utf8.h"

namespace crmerge::csv {

namespace {

// Windows-1252 0x80..0x9F; the five undefined bytes map to their C1 controls, as browsers do.
constexpr uint16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

constexpr size_t kBlock = 4 << 20;

}  // namespace

EncodingGuess guess_encoding(std::string_view head) {
  auto b = [&](size_t i) { return static_cast<unsigned char>(head[i]); };
  if (head.size() >= 3 && b(0) == 0xEF && b(1) == 0xBB && b(2) == 0xBF) return {Encoding::kUtf8, 3};
  if (head.size() >= 2 && b(0) == 0xFF && b(1) == 0xFE) return {Encoding::kUtf16Le, 2};
  if (head.size() >= 2 && b(0) == 0xFE && b(1) == 0xFF) return {Encoding::kUtf16Be, 2};
  size_t pairs = std::min<size_t>(head.size(), 4096) / 2;
  if (pairs >= 2) {
    size_t even_zero = 0, odd_zero = 0;
    for (size_t i = 0; i < pairs; ++i) {
      if (b(2 * i) == 0) ++even_zero;
      if (b(2 * i + 1) == 0) ++odd_zero;
    }
    if (odd_zero * 10 >= pairs * 4 && even_zero * 20 < pairs) return {Encoding::kUtf16Le, 0};
    if (even_zero * 10 >= pairs * 4 && odd_zero * 20 < pairs) return {Encoding::kUtf16Be, 0};
  }
  return {Encoding::kUtf8, 0};
}

void append_windows1252_as_utf8(std::string_view bytes, std::string& out) {
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) out += ch;
    else if (c < 0xA0) append_utf8(kCp1252High[c - 0x80], out);
    else append_utf8(c, out);
  }
}

std::string decode_sample(std::string_view bytes, Encoding from) {
  std::string out;
  if (from == Encoding::kUtf8) return std::string(bytes.substr(0, valid_utf8_prefix(bytes)));
  if (from == Encoding::kWindows1252) {
    append_windows1252_as_utf8(bytes, out);
    return out;
  }
  const bool be = from == Encoding::kUtf16Be;
  auto b = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])); };
  for (size_t i = 0; i + 1 < bytes.size(); i += 2) {
    uint32_t u = be ? (b(i) << 8 | b(i + 1)) : (b(i + 1) << 8 | b(i));
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 3 >= bytes.size()) break;
      uint32_t lo = be ? (b(i + 2) << 8 | b(i + 3)) : (b(i + 3) << 8 | b(i + 2));
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        append_utf8(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00), out);
        i += 2;
        continue;
      }
      u = 0xFFFD;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      u = 0xFFFD;
    }
    append_utf8(u, out);
  }
  return out;
}

Status transcode_to_utf8(const std::string& source, size_t skip, Encoding from, const std::string& target,
                         ContentHasher* source_hash, const CancelToken* cancel,
                         const std::function<void(uint64_t)>& progress) {
  if (from == Encoding::kUtf8) return Status::internal("transcode_to_utf8 called for UTF-8");
  CRM_ASSIGN_OR_RETURN(InputFile in, InputFile::open(source));
  CRM_ASSIGN_OR_RETURN(AtomicOutputFile out, AtomicOutputFile::create(target));
  // Not zeroed: only the bytes each read returns are used, so a small file
  // touches a page of it, not 4 MiB.
  std::unique_ptr<char[]> buf(new char[kBlock]);
  std::string decoded;
  uint64_t done = 0;
  uint64_t line = 1;
  // UTF-16 state carried between blocks.
  int pending_byte = -1;
  uint32_t high_surrogate = 0;
  const bool big_endian = from == Encoding::kUtf16Be;
  for (;;) {
    if (cancel) CRM_RETURN_IF_ERROR(cancel->check());
    CRM_ASSIGN_OR_RETURN(size_t got, in.read(buf.get(), kBlock));
    if (got == 0) break;
    if (source_hash) source_hash->update({buf.get(), got});
    std::string_view block(buf.get(), got);
    if (done < skip) {
      size_t drop = std::min<uint64_t>(skip - done, got);
      block.remove_prefix(drop);
    }
    done += got;
    decoded.clear();
    if (from == Encoding::kWindows1252) {
      append_windows1252_as_utf8(block, decoded);
      for (char c : block) line += c == '\n';
    } else {
      size_t i = 0;
      while (i < block.size()) {
        if (pending_byte < 0) {
          pending_byte = static_cast<unsigned char>(block[i++]);
          continue;
        }
        auto second = static_cast<unsigned char>(block[i++]);
        uint32_t unit = big_endian ? (static_cast<uint32_t>(pending_byte) << 8 | second)
                                   : (static_cast<uint32_t>(second) << 8 | static_cast<uint32_t>(pending_byte));
        pending_byte = -1;
        if (high_surrogate) {
          if (unit < 0xDC00 || unit > 0xDFFF)
            return Status::invalid_input(source + " line " + std::to_string(line) +
                                         ": invalid UTF-16 (a high surrogate without its low surrogate)");
          append_utf8(0x10000 + ((high_surrogate - 0xD800) << 10) + (unit - 0xDC00), decoded);
          high_surrogate = 0;
        } else if (unit >= 0xD800 && unit <= 0xDBFF) {
          high_surrogate = unit;
        } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
          return Status::invalid_input(source + " line " + std::to_string(line) +
                                       ": invalid UTF-16 (a low surrogate without its high surrogate)");
        } else {
          if (unit == '\n') ++line;
          append_utf8(unit, decoded);
        }
      }
    }
    CRM_RETURN_IF_ERROR(out.write(decoded));
    if (progress) progress(done);
  }
  if (pending_byte >= 0 || high_surrogate)
    return Status::invalid_input(source + " line " + std::to_string(line) +
                                 ": the file ends in the middle of a UTF-16 character");
  return out.commit();
}

}  // namespace crmerge::csv
