// The baseline of the scalar benchmark: a straightforward micrograd-style engine, written as
// one would at first (op code and a switch, no closures; children in an array, a Set for the
// visited nodes and a recursive topological sort, as micrograd has them).

const ADD = 0, MUL = 1, POW = 2, LEAF = 3

export class BValue {
  data: number
  grad = 0
  op: number
  prev: BValue[]
  k: number
  constructor(data: number, op = LEAF, prev: BValue[] = [], k = 0) {
    this.data = data
    this.op = op
    this.prev = prev
    this.k = k
  }
  add(o: BValue | number): BValue {
    const b = o instanceof BValue ? o : new BValue(o)
    return new BValue(this.data + b.data, ADD, [this, b])
  }
  mul(o: BValue | number): BValue {
    const b = o instanceof BValue ? o : new BValue(o)
    return new BValue(this.data * b.data, MUL, [this, b])
  }
  pow(k: number): BValue {
    return new BValue(this.data ** k, POW, [this], k)
  }
  neg(): BValue {
    return this.mul(-1)
  }
  sub(o: BValue | number): BValue {
    return this.add((o instanceof BValue ? o : new BValue(o)).neg())
  }
  backwardStep(): void {
    switch (this.op) {
      case ADD:
        this.prev[0].grad += this.grad
        this.prev[1].grad += this.grad
        break
      case MUL:
        this.prev[0].grad += this.prev[1].data * this.grad
        this.prev[1].grad += this.prev[0].data * this.grad
        break
      case POW:
        this.prev[0].grad += this.k * this.prev[0].data ** (this.k - 1) * this.grad
        break
    }
  }
  backward(): void {
    const topo: BValue[] = []
    const visited = new Set<BValue>()
    const build = (v: BValue) => {
      if (visited.has(v)) return
      visited.add(v)
      for (const c of v.prev) build(c)
      topo.push(v)
    }
    build(this)
    this.grad = 1
    for (let i = topo.length - 1; i >= 0; i--) topo[i].backwardStep()
  }
}
