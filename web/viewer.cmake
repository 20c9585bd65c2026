# The WebAssembly viewer and everything served beside it (included by CMakeLists.txt
# under Emscripten). Output: ${WEB_OUT}/ = page, loader, viewer.{js,wasm}, fonts, issues.

# --- shaders embedded at build time ---------------------------------------------
set(SHADER_HEADER "${CMAKE_BINARY_DIR}/generated/shaders_embedded.hpp")
add_custom_command(OUTPUT "${SHADER_HEADER}"
  COMMAND ${CMAKE_COMMAND} -DOUT=${SHADER_HEADER}
          "-DINPUTS=ui_vert=${CMAKE_SOURCE_DIR}/shaders/ui.vert|ui_frag=${CMAKE_SOURCE_DIR}/shaders/ui.frag"
          -P "${CMAKE_SOURCE_DIR}/shaders/embed.cmake"
  DEPENDS shaders/ui.vert shaders/ui.frag shaders/embed.cmake
  COMMENT "Embedding GLSL shaders" VERBATIM)

# --- the viewer ------------------------------------------------------------------
add_executable(viewer src/main.cpp src/platform/browser.cpp src/ui/gl_renderer.cpp "${SHADER_HEADER}")
target_include_directories(viewer PRIVATE src "${CMAKE_BINARY_DIR}/generated")
target_link_libraries(viewer PRIVATE digest_ui)
target_compile_options(viewer PRIVATE -Wall -Wextra -fno-exceptions)
# -O3 at link time: nlohmann's parse speed in wasm depends mostly on it (BRIEF.md).
target_link_options(viewer PRIVATE -O3 -fno-exceptions
  -sENVIRONMENT=web -sMODULARIZE=1 -sEXPORT_NAME=createDigestViewer
  -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  # The heap grows as an issue needs, up to 1 GiB: the largest issue within the loader's
  # caps needs far less (docs/benchmarks.md); past it the reader gets the error screen.
  -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=33554432 -sMAXIMUM_MEMORY=1073741824 -sTOTAL_STACK=1048576
  # The digest_* calls are exported where they are defined (DIGEST_EXPORT, see
  # src/platform/host_protocol.hpp); only the runtime's own are listed here.
  -sEXPORTED_FUNCTIONS=_main,_malloc,_free
  -sEXPORTED_RUNTIME_METHODS=UTF8ToString,stringToUTF8,lengthBytesUTF8)
set_target_properties(viewer PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY "${WEB_OUT}")

# --- fonts: BIZ UDPGothic in slices (fonts/slice.py and docs/fonts.md say what and why) -----
# Slice 0 of each weight, the frequency slices (fonts/slices/, content-hashed names) and
# the table slices.json; a stamp stands for them. Slice 0 holds the characters of the
# viewer's own strings, so it is cut again when src/ changes (the files are rewritten
# only when their bytes change).
set(FONT_DIR "/usr/share/fonts/truetype/bizud-gothic")
set(FONT_SLICES_STAMP "${CMAKE_BINARY_DIR}/font-slices.stamp")
set(FONT_TABLE "${WEB_OUT}/fonts/slices.json")
file(GLOB_RECURSE VIEWER_SOURCES CONFIGURE_DEPENDS src/*.cpp)
add_custom_command(OUTPUT "${FONT_SLICES_STAMP}"
  BYPRODUCTS "${FONT_TABLE}" "${WEB_OUT}/fonts/BIZUDPGothic-Regular.s00.ttf" "${WEB_OUT}/fonts/BIZUDPGothic-Bold.s00.ttf"
  COMMAND /usr/bin/python3 "${CMAKE_SOURCE_DIR}/fonts/slice.py" --fonts "${FONT_DIR}" --out "${WEB_OUT}/fonts"
  COMMAND ${CMAKE_COMMAND} -E copy_if_different /usr/share/doc/fonts-morisawa-bizud-gothic/copyright
          "${WEB_OUT}/fonts/LICENSE-BIZUDGothic.txt"
  COMMAND ${CMAKE_COMMAND} -E touch "${FONT_SLICES_STAMP}"
  DEPENDS fonts/slice.py fonts/subset.py "${FONT_DIR}/BIZUDPGothic-Regular.ttf" "${FONT_DIR}/BIZUDPGothic-Bold.ttf"
          ${VIEWER_SOURCES}
  COMMENT "Cutting the Japanese fonts into slices" VERBATIM)
# Each bundled issue's own slice (what slice 0 lacks of it), both weights: with slice 0
# it draws the whole issue, so a first view fetches two small font files.
file(GLOB SAMPLE_ISSUES CONFIGURE_DEPENDS web/issues/*.json)
list(FILTER SAMPLE_ISSUES EXCLUDE REGEX "/index\\.json$")
set(ISSUE_FONT_SLICES)
foreach(issue IN LISTS SAMPLE_ISSUES)
  get_filename_component(name "${issue}" NAME_WE)
  set(slice "${WEB_OUT}/fonts/issues/${name}-regular.ttf")
  add_custom_command(OUTPUT "${slice}" "${WEB_OUT}/fonts/issues/${name}-bold.ttf"
    COMMAND /usr/bin/python3 "${CMAKE_SOURCE_DIR}/fonts/slice.py" --fonts "${FONT_DIR}" --table "${FONT_TABLE}"
            --issue "${issue}" --out "${WEB_OUT}/fonts"
    DEPENDS "${issue}" "${FONT_SLICES_STAMP}" fonts/slice.py
    COMMENT "The font slice of ${name}" VERBATIM)
  list(APPEND ISSUE_FONT_SLICES "${slice}")
endforeach()

# --- static pages: each bundled issue (`digest html`), the archive list, and for sharing
# each article's page, the preview cards and oEmbed answers (`digest share`) -----------
# For readers without JavaScript or WebGL2 (index.html links to them) and for link
# unfurlers, which need absolute URLs: the site's public address is config.json's siteUrl.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/web/config.json")
file(READ "${CMAKE_SOURCE_DIR}/web/config.json" _site_config)
string(JSON SITE_URL ERROR_VARIABLE _site_url_error GET "${_site_config}" siteUrl)
if(_site_url_error OR SITE_URL STREQUAL "")
  message(FATAL_ERROR "web/config.json needs \"siteUrl\": the address the site is served from (docs/embed.md)")
endif()
find_program(NODE_EXECUTABLE node REQUIRED)
set(STATIC_PAGES)
foreach(issue IN LISTS SAMPLE_ISSUES)
  get_filename_component(name "${issue}" NAME_WE)
  set(page "${WEB_OUT}/issues/${name}.html")
  add_custom_command(OUTPUT "${page}"
    COMMAND ${CMAKE_COMMAND} -DNODE=${NODE_EXECUTABLE} -DTOOL=$<TARGET_FILE:digest_node> -DCOMMAND=html
            "-DARGS=--site|${SITE_URL}" -DINPUT=${issue} -DOUTPUT=${page} -P "${CMAKE_SOURCE_DIR}/web/run_digest.cmake"
    DEPENDS "${issue}" digest_node web/run_digest.cmake web/config.json
    COMMENT "Static page of ${name}" VERBATIM)
  # The share pages, cards and oEmbed answers are many files; a stamp stands for them.
  set(shared "${CMAKE_BINARY_DIR}/share-${name}.stamp")
  add_custom_command(OUTPUT "${shared}"
    COMMAND ${NODE_EXECUTABLE} $<TARGET_FILE:digest_node> share ${issue} --site ${SITE_URL} --out ${WEB_OUT}
            --fonts ${FONT_DIR}
    COMMAND ${CMAKE_COMMAND} -E touch "${shared}"
    DEPENDS "${issue}" digest_node web/config.json "${FONT_DIR}/BIZUDPGothic-Regular.ttf"
            "${FONT_DIR}/BIZUDPGothic-Bold.ttf"
    COMMENT "Share pages and preview cards of ${name}" VERBATIM)
  list(APPEND STATIC_PAGES "${page}" "${shared}")
endforeach()
# Each bundled issue's first screen, laid out for the page to paint before the viewer
# is ready (`digest prepaint`, docs/prepaint.md), measured with the slices the viewer
# draws it with: slice 0 and the issue's own, both weights.
set(PREPAINTS)
foreach(issue IN LISTS SAMPLE_ISSUES)
  get_filename_component(name "${issue}" NAME_WE)
  set(prepaint "${WEB_OUT}/prepaint/${name}.json")
  set(fonts "${WEB_OUT}/fonts")
  add_custom_command(OUTPUT "${prepaint}"
    COMMAND ${CMAKE_COMMAND} -DNODE=${NODE_EXECUTABLE} -DTOOL=$<TARGET_FILE:digest_node> -DCOMMAND=prepaint
            "-DARGS=--regular|${fonts}/BIZUDPGothic-Regular.s00.ttf,${fonts}/issues/${name}-regular.ttf|--bold|${fonts}/BIZUDPGothic-Bold.s00.ttf,${fonts}/issues/${name}-bold.ttf"
            -DINPUT=${issue} -DOUTPUT=${prepaint} -P "${CMAKE_SOURCE_DIR}/web/run_digest.cmake"
    DEPENDS "${issue}" digest_node web/run_digest.cmake "${FONT_SLICES_STAMP}" "${fonts}/issues/${name}-regular.ttf"
    COMMENT "First screen of ${name}" VERBATIM)
  list(APPEND PREPAINTS "${prepaint}")
endforeach()

add_custom_command(OUTPUT "${WEB_OUT}/issues/index.html"
  COMMAND ${CMAKE_COMMAND} -DNODE=${NODE_EXECUTABLE} -DTOOL=$<TARGET_FILE:digest_node> -DCOMMAND=html-index
          -DINPUT=${CMAKE_SOURCE_DIR}/web/issues/index.json -DOUTPUT=${WEB_OUT}/issues/index.html
          -P "${CMAKE_SOURCE_DIR}/web/run_digest.cmake"
  DEPENDS web/issues/index.json digest_node web/run_digest.cmake
  COMMENT "Static archive page" VERBATIM)
list(APPEND STATIC_PAGES "${WEB_OUT}/issues/index.html")

# --- icons: drawn as SVG (web/icons), rendered at build time --------------------------
find_program(RSVG_CONVERT rsvg-convert REQUIRED)
set(ICONS)
foreach(icon "icon:192" "icon:512" "icon-maskable:512")
  string(REPLACE ":" ";" parts "${icon}")
  list(GET parts 0 name)
  list(GET parts 1 size)
  set(png "${WEB_OUT}/icons/${name}-${size}.png")
  add_custom_command(OUTPUT "${png}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${WEB_OUT}/icons"
    COMMAND ${RSVG_CONVERT} -w ${size} -h ${size} "${CMAKE_SOURCE_DIR}/web/icons/${name}.svg" -o "${png}"
    DEPENDS "web/icons/${name}.svg"
    COMMENT "Icon ${name} ${size} px" VERBATIM)
  list(APPEND ICONS "${png}")
endforeach()

# --- static files and sample issues ------------------------------------------------------
# index.html and sw.js are written by the stamp below, from web/.
file(GLOB WEB_STATIC CONFIGURE_DEPENDS web/*.js web/*.css web/*.webmanifest web/config.json web/issues/*.json)
list(FILTER WEB_STATIC EXCLUDE REGEX "/sw\\.js$")
set(WEB_STATIC_OUT)
foreach(src IN LISTS WEB_STATIC)
  file(RELATIVE_PATH rel "${CMAKE_SOURCE_DIR}/web" "${src}")
  add_custom_command(OUTPUT "${WEB_OUT}/${rel}"
    COMMAND ${CMAKE_COMMAND} -E copy_if_different "${src}" "${WEB_OUT}/${rel}"
    DEPENDS "${src}")
  list(APPEND WEB_STATIC_OUT "${WEB_OUT}/${rel}")
endforeach()

# --- the bundled issues' search index (docs/search-index.md), by the shipped core ------
set(SEARCH_MANIFEST "${WEB_OUT}/issues/search/manifest.json")
set(WEB_ISSUES_OUT ${WEB_STATIC_OUT})
list(FILTER WEB_ISSUES_OUT INCLUDE REGEX "/issues/[^/]+\\.json$")
add_custom_command(OUTPUT "${SEARCH_MANIFEST}"
  COMMAND ${NODE_EXECUTABLE} $<TARGET_FILE:digest_node> index "${WEB_OUT}/issues" > /dev/null
  DEPENDS ${WEB_ISSUES_OUT} digest_node
  COMMENT "Search index of the bundled issues" VERBATIM)

# --- the stamp: hashed asset names, index.html, sw.js with this build's precache list,
# _headers, .br/.gz siblings (tools/stamp_web.py says what and why) ---------------------
set(STAMP "${WEB_OUT}/.stamp")
add_custom_command(OUTPUT "${STAMP}" "${WEB_OUT}/index.html" "${WEB_OUT}/sw.js" "${WEB_OUT}/_headers"
  COMMAND /usr/bin/python3 "${CMAKE_SOURCE_DIR}/tools/stamp_web.py" --site "${WEB_OUT}"
          --page "${CMAKE_SOURCE_DIR}/web/index.html" --worker "${CMAKE_SOURCE_DIR}/web/sw.js"
  COMMAND ${CMAKE_COMMAND} -E touch "${STAMP}"
  DEPENDS viewer ${WEB_STATIC_OUT} ${STATIC_PAGES} "${SEARCH_MANIFEST}" ${PREPAINTS} ${ICONS} "${FONT_SLICES_STAMP}" ${ISSUE_FONT_SLICES}
          web/index.html web/sw.js tools/stamp_web.py tools/site_config.py
  COMMENT "Stamping the site (hashed assets, service worker, headers, compressed copies)" VERBATIM)
add_custom_target(web_files ALL DEPENDS "${STAMP}")
