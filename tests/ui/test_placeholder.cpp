#include <catch_amalgamated.hpp>
TEST_CASE("placeholder", "[ui]") { CHECK(true); }
