-- Logs box 0's text with "-" at each discretionary: the points TeX found.
function showword()
  local out = {}
  local function walk(n)
    for m in node.traverse(n) do
      if m.id == node.id("glyph") then out[#out+1] = utf8.char(m.char)
      elseif m.id == node.id("disc") then out[#out+1] = "-"
      elseif m.id == node.id("hlist") or m.id == node.id("vlist") then walk(m.head) end
    end
  end
  walk(tex.box[0].head)
  texio.write_nl("log", "WORD " .. table.concat(out))
end
