# The WebAssembly viewer and the files of its app shell (included by CMakeLists.txt under
# Emscripten). Output: ${SHELL_OUT}/ = scripts, style, viewer.{js,wasm}, font slices,
# icons. A site is made of it and a folder of issues by tools/site.py (`make site`).

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
# Size over speed for the platform layer (its calls are few and small); -O3 at link
# time for the core's parse and layout code (BRIEF.md).
target_compile_options(viewer PRIVATE -Wall -Wextra -fno-exceptions -Os)
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
set_target_properties(viewer PROPERTIES SUFFIX ".js" RUNTIME_OUTPUT_DIRECTORY "${SHELL_OUT}")
# Emscripten's glue minified in place (tools/minify_glue.mjs, Debian's node-terser).
find_program(NODE_EXECUTABLE node REQUIRED)
add_custom_command(TARGET viewer POST_BUILD
  COMMAND ${NODE_EXECUTABLE} "${CMAKE_SOURCE_DIR}/tools/minify_glue.mjs" "${SHELL_OUT}/viewer.js"
  VERBATIM)

# --- fonts: BIZ UDPGothic in slices (fonts/slice.py and docs/fonts.md say what and why) -----
# Slice 0 of each weight, the frequency slices (fonts/slices/, content-hashed names) and
# the table slices.json; a stamp stands for them. Slice 0 holds the characters of the
# viewer's own strings, so it is cut again when src/ changes (the files are rewritten
# only when their bytes change).
set(FONT_DIR "/usr/share/fonts/truetype/bizud-gothic")
set(FONT_SLICES_STAMP "${CMAKE_BINARY_DIR}/font-slices.stamp")
set(FONT_TABLE "${SHELL_OUT}/fonts/slices.json")
file(GLOB_RECURSE VIEWER_SOURCES CONFIGURE_DEPENDS src/*.cpp)
add_custom_command(OUTPUT "${FONT_SLICES_STAMP}"
  BYPRODUCTS "${FONT_TABLE}" "${SHELL_OUT}/fonts/BIZUDPGothic-Regular.s00.ttf" "${SHELL_OUT}/fonts/BIZUDPGothic-Bold.s00.ttf"
  COMMAND /usr/bin/python3 "${CMAKE_SOURCE_DIR}/fonts/slice.py" --fonts "${FONT_DIR}" --out "${SHELL_OUT}/fonts"
  COMMAND ${CMAKE_COMMAND} -E copy_if_different /usr/share/doc/fonts-morisawa-bizud-gothic/copyright
          "${SHELL_OUT}/fonts/LICENSE-BIZUDGothic.txt"
  COMMAND ${CMAKE_COMMAND} -E touch "${FONT_SLICES_STAMP}"
  DEPENDS fonts/slice.py fonts/subset.py "${FONT_DIR}/BIZUDPGothic-Regular.ttf" "${FONT_DIR}/BIZUDPGothic-Bold.ttf"
          ${VIEWER_SOURCES}
  COMMENT "Cutting the Japanese fonts into slices" VERBATIM)
# --- icons: drawn as SVG (web/icons), rendered at build time --------------------------
find_program(RSVG_CONVERT rsvg-convert REQUIRED)
set(ICONS)
foreach(icon "icon:192" "icon:512" "icon-maskable:512")
  string(REPLACE ":" ";" parts "${icon}")
  list(GET parts 0 name)
  list(GET parts 1 size)
  set(png "${SHELL_OUT}/icons/${name}-${size}.png")
  add_custom_command(OUTPUT "${png}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${SHELL_OUT}/icons"
    COMMAND ${RSVG_CONVERT} -w ${size} -h ${size} "${CMAKE_SOURCE_DIR}/web/icons/${name}.svg" -o "${png}"
    DEPENDS "web/icons/${name}.svg"
    COMMENT "Icon ${name} ${size} px" VERBATIM)
  list(APPEND ICONS "${png}")
endforeach()

# --- the page's own static files ----------------------------------------------------------
# index.html and sw.js are templates: tools/site.py stamps them with this build's names.
# config.json is the site's (tools/site.py writes it with the site's address).
file(GLOB WEB_STATIC CONFIGURE_DEPENDS web/*.js web/*.css web/*.webmanifest)
list(FILTER WEB_STATIC EXCLUDE REGEX "/sw\\.js$")
# Scripts and the style sheet are copied without their comments, every line in its place
# (tools/strip_comments.mjs); the manifest as it is.
set(STRIP_COMMENTS "${CMAKE_SOURCE_DIR}/tools/strip_comments.mjs")
set(WEB_STATIC_OUT)
foreach(src IN LISTS WEB_STATIC)
  file(RELATIVE_PATH rel "${CMAKE_SOURCE_DIR}/web" "${src}")
  if(src MATCHES "\\.(js|css)$")
    set(copy_command ${NODE_EXECUTABLE} "${STRIP_COMMENTS}" "${src}" "${SHELL_OUT}/${rel}")
  else()
    set(copy_command ${CMAKE_COMMAND} -E copy_if_different "${src}" "${SHELL_OUT}/${rel}")
  endif()
  add_custom_command(OUTPUT "${SHELL_OUT}/${rel}"
    COMMAND ${copy_command}
    DEPENDS "${src}" "${STRIP_COMMENTS}" "${CMAKE_SOURCE_DIR}/tools/node_deps.mjs" VERBATIM)
  list(APPEND WEB_STATIC_OUT "${SHELL_OUT}/${rel}")
endforeach()
add_custom_target(web_files ALL DEPENDS viewer prepaint_module ${WEB_STATIC_OUT} ${ICONS} "${FONT_SLICES_STAMP}")

# --- prepaint.wasm: a preview's first screen made in the page before the viewer runs ---
# (src/platform/prepaint_module.cpp): the core's loader and layout and stb_truetype's
# advances, no ImGui, no GL, no Emscripten runtime (web/prepaint.js instantiates it).
add_executable(prepaint_module src/platform/prepaint_module.cpp)
target_link_libraries(prepaint_module PRIVATE digest_core digest_card)
target_compile_definitions(prepaint_module PRIVATE JSON_NOEXCEPTION)
target_compile_options(prepaint_module PRIVATE -Wall -Wextra -fno-exceptions -Os)
target_link_options(prepaint_module PRIVATE -O3 -fno-exceptions -sSTANDALONE_WASM=1 --no-entry
  -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=16777216 -sMAXIMUM_MEMORY=1073741824 -sTOTAL_STACK=1048576
  -sEXPORTED_FUNCTIONS=_prepaint_buffer,_prepaint_font,_prepaint_screen,_free)
set_target_properties(prepaint_module PROPERTIES SUFFIX ".wasm" OUTPUT_NAME "prepaint"
  RUNTIME_OUTPUT_DIRECTORY "${SHELL_OUT}")
