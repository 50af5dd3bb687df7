// Deterministic hashing, a small PRNG and keyed permutations for the generator.
// Everything here is integer arithmetic (no <random> distributions, whose
// results are implementation-defined), so a seed gives the same data everywhere.
#pragma once

#include <cstdint>

namespace gen {

inline std::uint64_t mix64(std::uint64_t z) {  // splitmix64's finalizer
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

inline std::uint64_t hash(std::uint64_t a, std::uint64_t b = 0, std::uint64_t c = 0, std::uint64_t d = 0) {
  std::uint64_t h = mix64(a + 0x9e3779b97f4a7c15ULL);
  h = mix64(h ^ (b + 0x632be59bd9b4e019ULL));
  h = mix64(h ^ (c + 0x85157af5ULL));
  return mix64(h ^ (d + 0xd6e8feb86659fd93ULL));
}

// Uniform double in [0, 1) from 53 bits of H.
inline double unit(std::uint64_t h) { return static_cast<double>(h >> 11) * 0x1.0p-53; }

// splitmix64 stream.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    s_ += 0x9e3779b97f4a7c15ULL;
    return mix64(s_);
  }
  double uni() { return unit(next()); }
  bool chance(double p) { return uni() < p; }
  // Uniform in [0, n) (n > 0); the tiny modulo bias does not matter here.
  std::uint64_t below(std::uint64_t n) { return n ? next() % n : 0; }
  std::uint64_t range(std::uint64_t lo, std::uint64_t hi) { return lo + below(hi - lo + 1); }  // [lo, hi]
  template <typename T, std::uint64_t N>
  const T& pick(const T (&arr)[N]) { return arr[below(N)]; }

 private:
  std::uint64_t s_;
};

// A keyed bijection of [0, n): a 4-round Feistel network on the smallest even
// number of bits covering n, with cycle walking. fwd and inv are inverses.
class Perm {
 public:
  Perm() = default;
  Perm(std::uint64_t n, std::uint64_t key) : n_(n) {
    int bits = 2;
    while (bits < 64 && (std::uint64_t{1} << bits) < n) bits += 2;
    half_ = bits / 2;
    mask_ = (std::uint64_t{1} << half_) - 1;
    for (int i = 0; i < 4; ++i) round_key_[i] = hash(key, static_cast<std::uint64_t>(i));
  }
  std::uint64_t size() const { return n_; }
  std::uint64_t fwd(std::uint64_t x) const {
    if (n_ <= 1) return x;
    do x = round_fwd(x);
    while (x >= n_);
    return x;
  }
  std::uint64_t inv(std::uint64_t y) const {
    if (n_ <= 1) return y;
    do y = round_inv(y);
    while (y >= n_);
    return y;
  }

 private:
  std::uint64_t f(std::uint64_t r, int round) const { return mix64(round_key_[round] ^ r) & mask_; }
  std::uint64_t round_fwd(std::uint64_t x) const {
    std::uint64_t l = x >> half_, r = x & mask_;
    for (int i = 0; i < 4; ++i) {
      std::uint64_t t = l ^ f(r, i);
      l = r;
      r = t;
    }
    return (l << half_) | r;
  }
  std::uint64_t round_inv(std::uint64_t y) const {
    std::uint64_t l = y >> half_, r = y & mask_;
    for (int i = 3; i >= 0; --i) {
      std::uint64_t t = r ^ f(l, i);
      r = l;
      l = t;
    }
    return (l << half_) | r;
  }

  std::uint64_t n_ = 0, mask_ = 0;
  std::uint64_t round_key_[4] = {};
  int half_ = 1;
};

}  // namespace gen
