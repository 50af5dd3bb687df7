// Text encodings of input files. crmerge works in UTF-8: a file in another
// encoding is decoded into a UTF-8 copy in the job folder, and everything
// (keys, output, fidelity) is judged on the decoded text.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "base/cancel.h"
#include "base/hash.h"
#include "base/status.h"
#include "csv/dialect.h"

namespace crmerge::csv {

struct EncodingGuess {
  Encoding encoding = Encoding::kUtf8;
  size_t bom_length = 0;  // bytes of byte-order mark at the start
};

// From the first bytes of a file: a BOM, or the zero bytes of UTF-16 text.
// Anything else is taken as UTF-8, which the import scan then verifies; a
// file that is not valid UTF-8 and holds no UTF-8 multi-byte sequence at all
// is Windows-1252 (the usual "ANSI" of Excel; a superset of Latin-1's text).
EncodingGuess guess_encoding(std::string_view head);

// Decodes `source` (skipping its first `skip` bytes, the BOM) from `from` into
// UTF-8 at `target`, written whole or not at all. Feeds the source's raw
// bytes to `source_hash` when given. Invalid input fails with its line number.
Status transcode_to_utf8(const std::string& source, size_t skip, Encoding from, const std::string& target,
                         ContentHasher* source_hash, const CancelToken* cancel,
                         const std::function<void(uint64_t bytes_done)>& progress);

// Decodes the start of a file in memory (for a sample): a character cut at the
// end is dropped; invalid UTF-16 becomes U+FFFD.
std::string decode_sample(std::string_view bytes, Encoding from);

// Decodes one buffer of Windows-1252 text (every byte is valid).
void append_windows1252_as_utf8(std::string_view bytes, std::string& out);

}  // namespace crmerge::csv
