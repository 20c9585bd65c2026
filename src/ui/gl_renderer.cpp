#include "ui/gl_renderer.hpp"

#include <GLES3/gl3.h>
#include <imgui.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "shaders_embedded.hpp"
#include "ui/frame_clock.hpp"

namespace ui {

namespace {

GLuint compile(GLenum type, const char* source, const char** error) {
  GLuint shader = glCreateShader(type);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  GLint ok = 0;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    static char log[512];
    glGetShaderInfoLog(shader, sizeof log, nullptr, log);
    *error = log;
    glDeleteShader(shader);
    return 0;
  }
  return shader;
}

void update_texture(ImTextureData* tex) {
  if (tex->Status == ImTextureStatus_WantCreate) {
    GLuint id = 0;
    glGenTextures(1, &id);
    glBindTexture(GL_TEXTURE_2D, id);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, tex->Width, tex->Height, 0, GL_RGBA, GL_UNSIGNED_BYTE, tex->GetPixels());
    tex->SetTexID(static_cast<ImTextureID>(id));
    tex->SetStatus(ImTextureStatus_OK);
  } else if (tex->Status == ImTextureStatus_WantUpdates) {
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(tex->TexID));
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    // WebGL has no UNPACK_ROW_LENGTH: copy each rectangle into a tight buffer.
    std::vector<unsigned char> tight;
    for (const ImTextureRect& r : tex->Updates) {
      const size_t pitch = static_cast<size_t>(r.w) * static_cast<size_t>(tex->BytesPerPixel);
      tight.resize(pitch * r.h);
      for (int y = 0; y < r.h; ++y)
        std::memcpy(&tight[pitch * static_cast<size_t>(y)], tex->GetPixelsAt(r.x, r.y + y), pitch);
      glTexSubImage2D(GL_TEXTURE_2D, 0, r.x, r.y, r.w, r.h, GL_RGBA, GL_UNSIGNED_BYTE, tight.data());
    }
    tex->SetStatus(ImTextureStatus_OK);
  } else if (tex->Status == ImTextureStatus_WantDestroy && tex->UnusedFrames > 0) {
    GLuint id = static_cast<GLuint>(tex->TexID);
    glDeleteTextures(1, &id);
    tex->SetTexID(ImTextureID_Invalid);
    tex->SetStatus(ImTextureStatus_Destroyed);
  }
}

}  // namespace

bool GlRenderer::init(const char** error) {
  GLuint vs = compile(GL_VERTEX_SHADER, shaders::ui_vert, error);
  if (!vs) return false;
  GLuint fs = compile(GL_FRAGMENT_SHADER, shaders::ui_frag, error);
  if (!fs) return false;
  program_ = glCreateProgram();
  glAttachShader(program_, vs);
  glAttachShader(program_, fs);
  glLinkProgram(program_);
  glDeleteShader(vs);
  glDeleteShader(fs);
  GLint ok = 0;
  glGetProgramiv(program_, GL_LINK_STATUS, &ok);
  if (!ok) {
    *error = "the WebGL shader program did not link";
    return false;
  }
  projection_location_ = glGetUniformLocation(program_, "u_projection");
  texture_location_ = glGetUniformLocation(program_, "u_texture");
  glGenVertexArrays(1, &vao_);
  glGenBuffers(1, &vbo_);
  glGenBuffers(1, &ibo_);
  glBindVertexArray(vao_);
  glBindBuffer(GL_ARRAY_BUFFER, vbo_);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ibo_);
  glEnableVertexAttribArray(0);
  glEnableVertexAttribArray(1);
  glEnableVertexAttribArray(2);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert),
                        reinterpret_cast<void*>(offsetof(ImDrawVert, pos)));
  glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert),
                        reinterpret_cast<void*>(offsetof(ImDrawVert, uv)));
  glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert),
                        reinterpret_cast<void*>(offsetof(ImDrawVert, col)));
  glBindVertexArray(0);
  ImGui::GetIO().BackendRendererName = "digest_webgl2";
  ImGui::GetIO().BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset | ImGuiBackendFlags_RendererHasTextures;
  return true;
}

double GlRenderer::render(ImDrawData* draw_data, int fb_width, int fb_height) {
  const double started = frame_clock_seconds();
  if (draw_data->Textures) {
    for (ImTextureData* tex : *draw_data->Textures)
      if (tex->Status != ImTextureStatus_OK) update_texture(tex);
  }
  const double upload_seconds = frame_clock_seconds() - started;
  glViewport(0, 0, fb_width, fb_height);
  if (fb_width <= 0 || fb_height <= 0) return upload_seconds;
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);
  glEnable(GL_SCISSOR_TEST);

  const float l = draw_data->DisplayPos.x, r = l + draw_data->DisplaySize.x;
  const float t = draw_data->DisplayPos.y, b = t + draw_data->DisplaySize.y;
  const float projection[16] = {2.0f / (r - l),    0, 0, 0, 0, 2.0f / (t - b), 0, 0, 0, 0, -1, 0, (r + l) / (l - r),
                                (t + b) / (b - t), 0, 1};
  glUseProgram(program_);
  glUniformMatrix4fv(projection_location_, 1, GL_FALSE, projection);
  glUniform1i(texture_location_, 0);
  glActiveTexture(GL_TEXTURE0);
  glBindVertexArray(vao_);

  const ImVec2 scale = draw_data->FramebufferScale;
  const ImVec2 origin = draw_data->DisplayPos;
  for (const ImDrawList* list : draw_data->CmdLists) {
    glBufferData(GL_ARRAY_BUFFER,
                 static_cast<GLsizeiptr>(list->VtxBuffer.Size) * static_cast<GLsizeiptr>(sizeof(ImDrawVert)),
                 list->VtxBuffer.Data, GL_STREAM_DRAW);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER,
                 static_cast<GLsizeiptr>(list->IdxBuffer.Size) * static_cast<GLsizeiptr>(sizeof(ImDrawIdx)),
                 list->IdxBuffer.Data, GL_STREAM_DRAW);
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) {
        if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(list, &cmd);
        continue;
      }
      const float x0 = (cmd.ClipRect.x - origin.x) * scale.x, y0 = (cmd.ClipRect.y - origin.y) * scale.y;
      const float x1 = (cmd.ClipRect.z - origin.x) * scale.x, y1 = (cmd.ClipRect.w - origin.y) * scale.y;
      if (x1 <= x0 || y1 <= y0) continue;
      glScissor(static_cast<GLint>(x0), static_cast<GLint>(fb_height - y1), static_cast<GLsizei>(x1 - x0),
                static_cast<GLsizei>(y1 - y0));
      glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(cmd.GetTexID()));
      // WebGL2 lacks glDrawElementsBaseVertex: rebind the vertex pointers at the offset.
      const uintptr_t vtx_offset = cmd.VtxOffset * sizeof(ImDrawVert);
      glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert),
                            reinterpret_cast<void*>(vtx_offset + offsetof(ImDrawVert, pos)));
      glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert),
                            reinterpret_cast<void*>(vtx_offset + offsetof(ImDrawVert, uv)));
      glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert),
                            reinterpret_cast<void*>(vtx_offset + offsetof(ImDrawVert, col)));
      glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount),
                     sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT,
                     reinterpret_cast<void*>(cmd.IdxOffset * sizeof(ImDrawIdx)));
    }
  }
  glBindVertexArray(0);
  glDisable(GL_SCISSOR_TEST);
  return upload_seconds;
}

}  // namespace ui
