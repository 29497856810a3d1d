/* hint */ SELECT a -- trailing
 FROM t # hash comment
WHERE b = 1 --
