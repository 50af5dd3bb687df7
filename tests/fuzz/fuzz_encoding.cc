// fuzz_encoding: encoding detection and decoding to UTF-8 (csv/encoding.h)
// on arbitrary bytes.
//
// Checked:
//   - guess_encoding: a BOM it reports is at the start of the bytes, and is
//     the BOM of the encoding it names;
//   - decode_sample, in every encoding: the text is valid UTF-8; from UTF-8 it
//     is the longest valid prefix; from Windows-1252 it is what
//     append_windows1252_as_utf8 gives, and ASCII stays as it is;
//   - transcode_to_utf8 of the bytes as a file (from the encoding the first
//     byte picks, skipping the BOM guess_encoding found): it fails with a
//     message naming the file and a line, or writes valid UTF-8 that is
//     exactly decode_sample's text of the same bytes (both decoders agree on
//     every input the file decoder accepts), having hashed the source's bytes.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "base/files.h"
#include "base/hash.h"
#include "base/utf8.h"
#include "csv/encoding.h"
#include "fuzz_check.h"

namespace crmerge::fuzz {
namespace {

using csv::Encoding;

void check_guess(std::string_view bytes) {
  const csv::EncodingGuess g = csv::guess_encoding(bytes);
  FUZZ_CHECK(g.bom_length <= bytes.size(), "a BOM longer than the bytes");
  const std::string_view bom = bytes.substr(0, g.bom_length);
  switch (g.encoding) {
    case Encoding::kUtf8: FUZZ_CHECK(bom.empty() || bom == "\xEF\xBB\xBF", "not the UTF-8 BOM"); break;
    case Encoding::kUtf16Le: FUZZ_CHECK(bom.empty() || bom == "\xFF\xFE", "not the UTF-16LE BOM"); break;
    case Encoding::kUtf16Be: FUZZ_CHECK(bom.empty() || bom == "\xFE\xFF", "not the UTF-16BE BOM"); break;
    case Encoding::kWindows1252: FUZZ_CHECK(false, "guess_encoding never guesses Windows-1252"); break;
  }
}

void check_samples(std::string_view bytes) {
  for (Encoding e : {Encoding::kUtf8, Encoding::kUtf16Le, Encoding::kUtf16Be, Encoding::kWindows1252}) {
    const std::string text = csv::decode_sample(bytes, e);
    FUZZ_CHECK(is_valid_utf8(text), std::string("decode_sample from ") + csv::encoding_name(e) + " is not UTF-8");
    if (e == Encoding::kUtf8) FUZZ_CHECK(text == bytes.substr(0, valid_utf8_prefix(bytes)), "not the valid prefix");
  }
  std::string cp1252;
  csv::append_windows1252_as_utf8(bytes, cp1252);
  FUZZ_CHECK(cp1252 == csv::decode_sample(bytes, Encoding::kWindows1252), "two Windows-1252 decodings differ");
  bool ascii = true;
  for (char c : bytes) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) FUZZ_CHECK(cp1252 == bytes, "ASCII changed by the Windows-1252 decoding");
}

void check_transcode(std::string_view bytes, Encoding from) {
  static const std::string folder = scratch_folder("fuzz-encoding");
  const std::string source = folder + "/in.csv", target = folder + "/out.csv";
  std::FILE* f = std::fopen(source.c_str(), "wb");
  FUZZ_CHECK(f && std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size() && std::fclose(f) == 0,
             "cannot write " + source);
  (void)remove_all(target);
  const size_t skip = csv::guess_encoding(bytes).bom_length;
  ContentHasher hasher, expected_hash;
  expected_hash.update(bytes);
  Status s = csv::transcode_to_utf8(source, skip, from, target, &hasher, nullptr, nullptr);
  if (!s.is_ok()) {
    FUZZ_CHECK(s.message().find(source + " line ") == 0, "an error that names no file and line: " + s.message());
    FUZZ_CHECK(!path_exists(target), "a failed transcoding left its output");
    return;
  }
  FUZZ_CHECK(hasher.hex_digest() == expected_hash.hex_digest(), "the source hash is not the hash of its bytes");
  auto written = read_small_file(target);
  FUZZ_CHECK(written.is_ok(), written.status().message());
  FUZZ_CHECK(is_valid_utf8(*written), "transcode_to_utf8 wrote text that is not UTF-8");
  FUZZ_CHECK(*written == csv::decode_sample(bytes.substr(skip), from),
             "transcode_to_utf8 and decode_sample decode the same bytes differently");
}

}  // namespace
}  // namespace crmerge::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  using crmerge::csv::Encoding;
  constexpr Encoding kFrom[] = {Encoding::kUtf16Le, Encoding::kUtf16Be, Encoding::kWindows1252};
  const Encoding from = kFrom[data[0] % 3];
  // A heap copy of exactly the bytes' size: a read past its end is an ASan error.
  const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  crmerge::fuzz::check_guess(bytes);
  crmerge::fuzz::check_samples(bytes);
  crmerge::fuzz::check_transcode(bytes, from);
  return 0;
}
